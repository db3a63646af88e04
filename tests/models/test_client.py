"""The client over real HTTP against the scripted server: retries, errors, streaming, cache."""

from __future__ import annotations

import json

import pytest

from kateval.config import Endpoint
from kateval.models.cache import CacheMiss, ResponseCache
from kateval.models.client import (Cancelled, ContextExceeded, EndpointDown, ModelCallError,
                                   ModelClient, decode_tokens_per_s)
from tests.scripted_server import ScriptedServer

MSG = [{"role": "user", "content": "hi"}]


@pytest.fixture
def server():
    srv = ScriptedServer().start()
    yield srv
    srv.stop()


def client(server, cache=None, **overrides) -> ModelClient:
    settings = {"max_retries": 3, "timeout_s": 5, "max_retry_time_s": 30} | overrides
    ep = Endpoint(base_url=server.base_url, model="m", **settings)
    return ModelClient("ep", ep, cache, retry_wait_max_s=0.05)


def test_chat_and_completion_record_accounting(server):
    server.script("m", [{"text": "hello there friend"}])
    done = client(server).chat("judge", MSG, temperature=0)
    assert done.text == "hello there friend"
    r = done.record
    assert (r.role, r.endpoint, r.model, r.kind) == ("judge", "ep", "m", "chat")
    assert r.completion_tokens == 3 and r.prompt_tokens > 0 and r.latency_s > 0 and r.retries == 0
    done = client(server).complete("builder", "<fim_prefix>x", temperature=0)
    assert done.text == "hello there friend" and done.record.kind == "completion"
    assert server.calls(path="/v1/completions")[0]["body"]["prompt"] == "<fim_prefix>x"


def test_429_then_success_is_retried(server):
    server.script("m", [{"status": 429}, {"text": "ok"}])
    done = client(server).chat("builder", MSG, temperature=0)
    assert done.text == "ok" and done.record.retries == 1
    assert len(server.calls("m")) == 2


def test_repeated_500_gives_up_as_endpoint_down(server):
    server.script("m", [{"status": 500}])
    with pytest.raises(EndpointDown) as err:
        client(server).chat("builder", MSG, temperature=0)
    assert "HTTP 500" in str(err.value) and err.value.record.retries == 3
    assert len(server.calls("m")) == 4  # 1 + max_retries(3)


def test_other_4xx_is_not_retried_and_names_the_endpoint(server):
    server.script("m", [{"status": 400, "message": "unknown parameter: top_q"}])
    with pytest.raises(ModelCallError) as err:
        client(server).chat("builder", MSG, temperature=0)
    assert not isinstance(err.value, ContextExceeded)
    assert "top_q" in str(err.value) and "'ep'" in str(err.value) and server.base_url in str(err.value)
    assert len(server.calls("m")) == 1


@pytest.mark.parametrize("message", [
    "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens",
    "the request exceeds the available context size, try increasing it",
    "Input is too long for the context window"])
def test_context_length_refusal_is_context_exceeded(server, message):
    server.script("m", [{"status": 400, "message": message}])
    with pytest.raises(ContextExceeded) as err:
        client(server).chat("builder", MSG, temperature=0)
    assert "HTTP 400" in err.value.record.error and len(server.calls("m")) == 1


def test_prompt_surely_too_long_is_refused_before_sending(server):
    server.script("m", [{"text": "never"}])
    with pytest.raises(ContextExceeded) as err:
        client(server, context_window=256).complete("builder", "x" * 5000, temperature=0)
    assert "context_window 256" in str(err.value) and server.calls("m") == []
    assert client(server, context_window=2048).complete("builder", "x" * 5000,
                                                        temperature=0).text == "never"


def test_cancelled_client_sends_nothing(server):
    server.script("m", [{"text": "ok"}])
    c = client(server)
    c.cancel()
    with pytest.raises(Cancelled):
        c.chat("judge", MSG, temperature=0)
    assert server.calls("m") == []


def test_judge_read_timeout_is_marked_timed_out(server):
    server.script("m", [{"sleep": 1.0, "text": "late"}])
    with pytest.raises(EndpointDown) as err:
        client(server, timeout_s=0.2, max_retries=0).chat("judge", MSG, temperature=0)
    assert err.value.timed_out
    with pytest.raises(EndpointDown) as err:
        ModelClient("dead", Endpoint(base_url="http://127.0.0.1:9/v1", model="m", max_retries=0)
                    ).chat("judge", MSG, temperature=0)
    assert not err.value.timed_out


def test_read_timeout_is_retried_then_endpoint_down(server):
    server.script("m", [{"sleep": 1.5, "text": "late"}])
    with pytest.raises(EndpointDown) as err:
        client(server, timeout_s=0.3, max_retries=1).chat("judge", MSG, temperature=0)
    assert "Timeout" in str(err.value)
    assert len(server.calls("m")) == 2


def test_dropped_connection_then_success(server):
    server.script("m", [{"drop": True}, {"text": "back"}])
    done = client(server).chat("judge", MSG, temperature=0)
    assert done.text == "back" and done.record.retries == 1


def test_connection_refused_is_endpoint_down():
    ep = Endpoint(base_url="http://127.0.0.1:9/v1", model="m", max_retries=1)
    with pytest.raises(EndpointDown) as err:
        ModelClient("dead", ep, retry_wait_max_s=0.01).chat("judge", MSG, temperature=0)
    assert "dead" in str(err.value) and "127.0.0.1:9" in str(err.value)


def test_streaming_records_ttft_and_throughput(server):
    server.script("m", [{"text": "fun a() = 1 " * 20}])
    done = client(server, stream=True).complete("builder", "p", temperature=0)
    assert done.text == "fun a() = 1 " * 20
    assert done.record.ttft_s is not None and done.record.ttft_s < done.record.latency_s
    assert done.record.completion_tokens == 80 and done.record.tokens_per_s > 0
    assert done.record.finish_reason == "stop"


def test_decode_speed_excludes_the_first_token_and_needs_two():
    assert decode_tokens_per_s(1, 0.001) is None  # one token: no decode time to speak of
    assert decode_tokens_per_s(5, None) is None   # not streamed: no first-token time
    assert decode_tokens_per_s(31, 1.0) == 30.0


def test_one_token_stream_reports_no_speed_and_non_stream_no_speed(server):
    server.script("m", [{"text": "x"}])
    done = client(server, stream=True).complete("builder", "p", temperature=0)
    assert done.record.completion_tokens == 1 and done.record.tokens_per_s is None
    assert done.record.ttft_s is not None
    server.script("m", [{"text": "a b c d"}])
    done = client(server).complete("builder", "p", temperature=0)
    assert done.record.tokens_per_s is None and done.record.ttft_s is None


def test_slow_stream_speed_is_close_to_the_real_rate(server):
    # 10 chunks 0.05 s apart: about 20 chunks per second once the first has arrived
    server.script("m", [{"text": "abcdefgh" * 10, "chunk_sleep": 0.05, "no_usage": True}])
    done = client(server, stream=True).complete("builder", "p", temperature=0)
    assert done.record.usage_estimated and done.record.completion_tokens == 10
    assert 12 < done.record.tokens_per_s < 25


def test_stream_keeps_the_final_finish_reason(server):
    server.script("m", [{"text": "fun a() =", "finish": "length", "no_usage": True}])
    done = client(server, stream=True).complete("builder", "p", temperature=0)
    assert done.record.finish_reason == "length"
    server.script("m", [{"text": "fun a() =", "finish": "length"}])
    assert client(server).complete("builder", "p", temperature=0).record.finish_reason == "length"


def test_api_key_sent_but_never_recorded(server, tmp_path, monkeypatch):
    monkeypatch.setenv("KATEVAL_TEST_KEY", "sk-very-secret-123")
    server.script("m", [{"text": "ok"}])
    cache = ResponseCache(tmp_path / "cache")
    done = client(server, cache, api_key_env="KATEVAL_TEST_KEY").chat("judge", MSG, temperature=0)
    assert server.calls("m")[0]["headers"]["authorization"] == "Bearer sk-very-secret-123"
    assert "sk-very-secret" not in json.dumps(done.record.to_dict())
    assert all("sk-very-secret" not in p.read_text() for p in (tmp_path / "cache").rglob("*.json"))


def test_cache_replays_and_salt_separates_samples(server, tmp_path):
    server.script("m", [{"text": "one"}, {"text": "two"}, {"text": "three"}])
    cache = ResponseCache(tmp_path / "cache")
    c = client(server, cache)
    first = c.chat("builder", MSG, temperature=0.8, salt="t/0/1")
    again = c.chat("builder", MSG, temperature=0.8, salt="t/0/1")
    other = c.chat("builder", MSG, temperature=0.8, salt="t/1/1")
    assert (first.text, again.text, other.text) == ("one", "one", "two")
    assert again.record.cached and not first.record.cached
    assert len(server.calls("m")) == 2
    replay = ResponseCache(tmp_path / "new", replay_only=True, sources=[tmp_path / "cache"])
    assert client(server, replay).chat("builder", MSG, temperature=0.8, salt="t/1/1").text == "two"
    with pytest.raises(CacheMiss):
        client(server, replay).chat("builder", MSG, temperature=0.8, salt="t/2/1")


def test_stream_without_usage_is_estimated_and_marked(server, tmp_path):
    server.script("m", [{"text": "a b c d e f g h i j"}])
    done = client(server, stream=True).complete("builder", "x" * 70, temperature=0)
    assert not done.record.usage_estimated and done.record.completion_tokens == 10
    server.script("m", [{"text": "a b c d e f g h i j", "no_usage": True}])
    done = client(server, stream=True).complete("builder", "x" * 70, temperature=0)
    assert done.record.usage_estimated
    assert done.record.prompt_tokens == 21 and done.record.completion_tokens == 3  # 8-char chunks
