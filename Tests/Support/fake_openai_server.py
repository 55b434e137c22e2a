#!/usr/bin/env python3
"""An OpenAI-compatible test server with scriptable faults, for ModelGateway's tests and benchmark.

Start: fake_openai_server.py [--script FILE] [--latency SECONDS]
It binds 127.0.0.1 on a random port and prints "PORT <n>" on its first stdout line.

The script is JSON: {"steps": [STEP, ...], "default_content": "<json text>", "latency": 0.0}.
Each request to /chat/completions takes the first unused step whose "model" (if any) equals
the request's model; with none left it answers 200 with default_content. A STEP may set:
  status (200), headers ({}), delay (seconds before answering; past the client timeout = stall),
  content (assistant text), null_content (true → content null), finish_reason ("stop"),
  choice_error ({...} → an error inside HTTP 200), error ({...} → {"error": ...} body),
  raw (exact body text), usage ({...}), answered_model, stream (true → SSE),
  stream_error ({...} → an error chunk mid-stream), close (true → drop the connection).
GET /_requests returns every request seen (path, model, headers without secrets, body, time).
POST /_script replaces the script. /key, /models and /audio/transcriptions answer too.
"""
import argparse
import base64
import json
import sys
import threading
import time
from email.parser import BytesParser
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
STATE = {"script": {"steps": []}, "used": set(), "requests": []}
DEFAULT_CONTENT = json.dumps({"ok": True})


def default_usage():
    return {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150, "cost": 0.001}


def take_step(model):
    with LOCK:
        for index, step in enumerate(STATE["script"].get("steps", [])):
            if index in STATE["used"]:
                continue
            if step.get("model") not in (None, model):
                continue
            STATE["used"].add(index)
            return step
    return {}


def parse_multipart(content_type, body):
    message = BytesParser(policy=email_policy).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None:
            fields[name] = {"filename": filename, "content_type": part.get_content_type(), "bytes": len(payload)}
        else:
            fields.setdefault(name, []).append(payload.decode("utf-8", "replace"))
    return {k: (v[0] if isinstance(v, list) and len(v) == 1 else v) for k, v in fields.items()}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, obj, headers=None):
        self.send_raw(status, json.dumps(obj).encode(), headers, "application/json")

    def send_raw(self, status, data, headers=None, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, str(value))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def record(self, body):
        headers = {k.lower(): v for k, v in self.headers.items()}
        auth = headers.pop("authorization", None)
        entry = {"path": self.path, "method": self.command, "headers": headers,
                 "has_authorization": auth is not None, "time": time.monotonic()}
        if isinstance(body, dict):
            entry["model"] = body.get("model")
        entry["body"] = body
        with LOCK:
            STATE["requests"].append(entry)
        return auth

    def do_GET(self):
        if self.path == "/_requests":
            with LOCK:
                self.send_json(200, STATE["requests"])
            return
        auth = self.record(None)
        step = take_step(None)
        if step.get("status", 200) != 200:
            self.send_json(step["status"], {"error": step.get("error", {"code": step["status"], "message": "scripted"})})
        elif self.path.startswith("/key"):
            self.send_json(200, {"data": {"label": "test", "limit": 10.0, "limit_remaining": 7.5, "usage": 2.5,
                                          "usage_daily": 0.5, "is_free_tier": False}})
        elif self.path.startswith("/models"):
            self.send_json(200, {"data": [{"id": m, "context_length": 200000,
                                           "architecture": {"input_modalities": ["text", "image"]},
                                           "supported_parameters": ["response_format", "structured_outputs"],
                                           "pricing": {"prompt": "0.000003", "completion": "0.000015"}}
                                          for m in ("anthropic/claude-sonnet-4.5", "anthropic/claude-haiku-4.5", "openai/gpt-4o")]})
        else:
            self.send_json(404, {"error": {"code": 404, "message": "no route"}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.path == "/_script":
            with LOCK:
                STATE["script"] = json.loads(raw)
                STATE["used"] = set()
            self.send_json(200, {"ok": True})
            return
        if self.path.endswith("/audio/transcriptions"):
            fields = parse_multipart(self.headers.get("Content-Type", ""), raw)
            self.record({"multipart": fields, "content_type": self.headers.get("Content-Type", "")})
            step = take_step(fields.get("model"))
            self.answer_transcription(step, fields)
            return
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"unparseable": base64.b64encode(raw).decode()}
        self.record(body)
        step = take_step(body.get("model"))
        delay = step.get("delay", 0) + STATE["script"].get("latency", 0)
        if delay:
            time.sleep(delay)
        if step.get("close"):
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.answer_chat(step, body)

    def answer_transcription(self, step, fields):
        status = step.get("status", 200)
        if status != 200:
            self.send_json(status, {"error": step.get("error", {"code": status, "message": "scripted"})}, step.get("headers"))
            return
        if fields.get("response_format") in ("text", "srt", "vtt"):
            self.send_raw(200, b"hello from the memo", None, "text/plain")
            return
        self.send_json(200, {"text": step.get("content", "hello from the memo"),
                             "usage": step.get("usage", {"type": "duration", "seconds": 8})})

    def answer_chat(self, step, body):
        status = step.get("status", 200)
        headers = step.get("headers", {})
        if "raw" in step:
            self.send_raw(status, step["raw"].encode(), headers)
            return
        if status != 200 or "error" in step:
            self.send_json(status, {"error": step.get("error", {"code": status, "message": "scripted failure"})}, headers)
            return
        model = step.get("answered_model", body.get("model"))
        content = None if step.get("null_content") else step.get("content", STATE["script"].get("default_content", DEFAULT_CONTENT))
        choice = {"index": 0, "finish_reason": step.get("finish_reason", "stop"),
                  "message": {"role": "assistant", "content": content}}
        if "choice_error" in step:
            choice["finish_reason"] = "error"
            choice["error"] = step["choice_error"]
        answer = {"id": "gen-%d" % int(time.time() * 1e6), "object": "chat.completion", "model": model,
                  "choices": [choice], "usage": step.get("usage", default_usage())}
        if step.get("stream"):
            self.stream(answer, step)
        else:
            self.send_json(200, answer, headers)

    def stream(self, answer, step):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        def chunk(text):
            data = text.encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

        chunk(": OPENROUTER PROCESSING\n\n")
        content = answer["choices"][0]["message"]["content"] or ""
        for piece in (content[: len(content) // 2], content[len(content) // 2:]):
            chunk("data: " + json.dumps({"id": answer["id"], "model": answer["model"],
                                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}) + "\n\n")
        if "stream_error" in step:
            chunk("data: " + json.dumps({"id": answer["id"], "error": step["stream_error"],
                                         "choices": [{"index": 0, "delta": {"content": ""}, "finish_reason": "error"}]}) + "\n\n")
        else:
            chunk("data: " + json.dumps({"id": answer["id"], "model": answer["model"],
                                         "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}) + "\n\n")
            chunk("data: " + json.dumps({"id": answer["id"], "choices": [], "usage": answer["usage"]}) + "\n\n")
        chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--script")
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    if args.script:
        with open(args.script) as handle:
            STATE["script"] = json.load(handle)
    if args.latency:
        STATE["script"]["latency"] = args.latency
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    print("PORT %d" % server.server_address[1], flush=True)
    # Stop when the test process goes away (stdin closes), so no server outlives its tests.
    threading.Thread(target=lambda: (sys.stdin.read(), server.shutdown()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
