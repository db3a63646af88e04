"""The scripted OpenAI server, run inside the head's namespace on its address, counting how many
requests per model are in flight at once. Writes {"peak": {model: n}, "calls": {model: n}} to
--out whenever a request ends. Run: ip netns exec H python -m tests.executors.limit_server ..."""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

from tests.pipeline.test_pipeline import judge
from tests.scripted_server import ScriptedServer

# A model outcome that needs no compile: the builder says the prompt does not fit.
REFUSAL = {"status": 400, "message": "This model's maximum context length is 8192 tokens. "
                                     "However, your prompt resulted in 9001 tokens."}


class BoundServer(ScriptedServer):
    """ScriptedServer on a given address (it binds loopback by default)."""

    def __init__(self, host: str, port: int):
        super().__init__(0)
        self._httpd.server_close()
        self._httpd = ThreadingHTTPServer((host, port), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--hold-s", type=float, default=1.0)
    parser.add_argument("--judge-hold-s", type=float, default=None,
                        help="the judge's hold, when it differs (default: --hold-s)")
    args = parser.parse_args()
    lock = threading.Lock()
    now, peak, calls = {}, {}, {}

    def counted(model: str, answer, hold_s: float):
        def step(body: dict) -> dict:
            with lock:
                now[model] = now.get(model, 0) + 1
                peak[model] = max(peak.get(model, 0), now[model])
                calls[model] = calls.get(model, 0) + 1
            time.sleep(hold_s)  # the request stays in flight while the model "thinks"
            with lock:
                now[model] -= 1
                args.out.write_text(json.dumps({"peak": peak, "calls": calls}))
            return answer(body) if callable(answer) else answer
        return step

    server = BoundServer(args.host, args.port)
    judge_hold = args.hold_s if args.judge_hold_s is None else args.judge_hold_s
    server.script("judge-m", [counted("judge-m", judge, judge_hold)])
    server.script("mellum-m", [counted("mellum-m", REFUSAL, args.hold_s)])
    server.start()
    print("ready", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
