"""A scripted OpenAI-compatible HTTP server on loopback: the only test double, at the level of
a model's answer. It speaks the real protocol (JSON and SSE streaming) to the real openai client.

Each model name has a script: a list of steps consumed in order (the last one repeats).
A step is a dict: {"text": str} answers; {"status": 429|500|400} fails; {"sleep": s} waits
before answering (read timeouts); {"drop": True} closes the connection; {"finish": "length"}
sets the finish_reason (default "stop"); {"chunk_sleep": s} waits between streamed chunks. A
step may also be a callable taking the request body and returning such a dict.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ScriptedServer:
    def __init__(self, port: int = 0):
        self.scripts: dict[str, list] = {}
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def script(self, model: str, steps: list) -> None:
        with self._lock:
            self.scripts[model] = list(steps)

    def calls(self, model: str | None = None, path: str | None = None) -> list[dict]:
        with self._lock:
            return [r for r in self.requests if (model is None or r["body"].get("model") == model)
                    and (path is None or r["path"] == path)]

    def start(self) -> "ScriptedServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _next_step(self, body: dict):
        with self._lock:
            steps = self.scripts.get(body.get("model"), [{"status": 404}])
            step = steps.pop(0) if len(steps) > 1 else steps[0]
        return step(body) if callable(step) else step

    def _handler(server):  # noqa: N805 - the closure's "self" is the server
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _send_json(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                with server._lock:
                    server.requests.append({"path": self.path, "body": {},
                                            "headers": {k.lower(): v for k, v in self.headers.items()}})
                    models = sorted(server.scripts)
                if self.path.rstrip("/").endswith("/models"):
                    self._send_json(200, {"object": "list", "data": [
                        {"id": m, "object": "model", "owned_by": "scripted"} for m in models]})
                else:
                    self._send_json(404, {"error": {"message": "not found"}})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append({"path": self.path, "body": body,
                                            "headers": {k.lower(): v for k, v in self.headers.items()}})
                step = server._next_step(body)
                if step.get("sleep"):
                    time.sleep(step["sleep"])
                if step.get("drop"):
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if "status" in step:
                    self._send_json(step["status"], {"error": {
                        "message": step.get("message", f"scripted {step['status']}"),
                        "type": "scripted", "code": step["status"]}})
                    return
                chat = self.path.endswith("/chat/completions")
                text = step.get("text", "")
                prompt = json.dumps(body.get("messages")) if chat else body.get("prompt", "")
                usage = {"prompt_tokens": max(1, len(prompt) // 4),
                         "completion_tokens": len(text.split()),
                         "total_tokens": max(1, len(prompt) // 4) + len(text.split())}
                if body.get("stream"):
                    self._stream(chat, body, step, None if step.get("no_usage") else usage)
                    return
                finish = step.get("finish", "stop")
                choice = ({"index": 0, "message": {"role": "assistant", "content": text},
                           "finish_reason": finish} if chat else
                          {"index": 0, "text": text, "finish_reason": finish})
                self._send_json(200, {"id": "x", "object": "chat.completion" if chat
                                      else "text_completion", "created": 0,
                                      "model": body.get("model"), "choices": [choice],
                                      "usage": usage})

            def _stream(self, chat: bool, body: dict, step: dict, usage: dict | None) -> None:
                text = step.get("text", "")
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [text[i:i + 8] for i in range(0, len(text), 8)] or [""]
                for piece in pieces:
                    choice = ({"index": 0, "delta": {"content": piece}, "finish_reason": None}
                              if chat else {"index": 0, "text": piece, "finish_reason": None})
                    self._event({"id": "x", "object": "chunk", "created": 0,
                                 "model": body.get("model"), "choices": [choice]})
                    time.sleep(step.get("chunk_sleep", 0.005))
                # Like llama.cpp and vLLM: a last chunk with no text carries the finish_reason.
                end = ({"index": 0, "delta": {}, "finish_reason": step.get("finish", "stop")}
                       if chat else {"index": 0, "text": "",
                                     "finish_reason": step.get("finish", "stop")})
                self._event({"id": "x", "object": "chunk", "created": 0,
                             "model": body.get("model"), "choices": [end]})
                if usage is not None:  # {"no_usage": True} plays servers that send none
                    self._event({"id": "x", "object": "chunk", "created": 0,
                                 "model": body.get("model"), "choices": [], "usage": usage})
                self.wfile.write(b"data: [DONE]\n\n")
                self.close_connection = True

            def _event(self, payload: dict) -> None:
                self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
                self.wfile.flush()

        return Handler
