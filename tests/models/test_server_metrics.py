"""The server's own view of a run, read from a real HTTP /metrics in Prometheus text format."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kateval.models.server_metrics import ServerMetrics, metrics_url, parse

VLLM = """# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{{engine="0",model_name="m"}} {running}
vllm:num_requests_waiting{{engine="0",model_name="m"}} {waiting}
vllm:kv_cache_usage_perc{{engine="0",model_name="m"}} 0.25
vllm:generation_tokens_total{{engine="0",model_name="m"}} {tokens}
vllm:prompt_tokens_total{{engine="0",model_name="m"}} 1e3
"""


class _Metrics:
    def __init__(self):
        self.calls = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path != "/metrics":
                    self.send_response(404)
                    self.end_headers()
                    return
                owner.calls += 1
                n = owner.calls
                body = VLLM.format(running=n, waiting=2 * n, tokens=100 * n).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"


def test_metrics_url_sits_beside_the_openai_routes():
    assert metrics_url("http://h:8000/v1") == "http://h:8000/metrics"
    assert metrics_url("http://h:8000/v1/") == "http://h:8000/metrics"
    assert metrics_url("http://h:8080") == "http://h:8080/metrics"


def test_parse_sums_label_sets_and_skips_comments():
    values = parse('# TYPE x gauge\nx{a="1"} 2\nx{a="2"} 3.5\ny 7\nbroken line here\n')
    assert values == {"x": 5.5, "y": 7.0}


def test_a_run_records_running_waiting_kv_and_tokens_served():
    server = _Metrics()
    try:
        scraper = ServerMetrics({"vllm": server.base + "/metrics",
                                 "plain": server.base + "/nothing"}, interval_s=0.05)
        for _ in range(3):
            scraper.sample()
        summary = scraper.stop()
    finally:
        server.httpd.shutdown()
    vllm = summary["vllm"]
    assert vllm["samples"] == 3
    assert vllm["running"] == {"mean": 2.0, "peak": 3.0}
    assert vllm["waiting"]["peak"] == 6.0
    assert vllm["kv_cache"]["mean"] == 0.25
    assert vllm["generation_tokens"] == 200.0  # 300 - 100 over the run
    assert "unavailable" in summary["plain"] and "404" in summary["plain"]["unavailable"]
