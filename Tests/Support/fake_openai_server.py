#!/usr/bin/env python3
"""An OpenAI-compatible test server with scriptable faults, for ModelGateway's tests and benchmark.

Start: fake_openai_server.py [--script FILE] [--latency SECONDS]
It binds 127.0.0.1 on a random port and prints "PORT <n>" on its first stdout line.

The script is JSON: {"steps": [STEP, ...], "default_content": "<json text>", "latency": 0.0}.
Each request to /chat/completions takes the first unused step whose "model" (if any) equals
the request's model, whose "match_system" (if any) occurs in its system message and whose
"match_user" (if any) occurs in its user text; with none left it answers 200 with default_content.
A step with "repeat": true is never used up (it answers every request it matches). A STEP may set:
  status (200), headers ({}), delay (seconds before answering; past the client timeout = stall),
  content (assistant text), null_content (true → content null), finish_reason ("stop"),
  choice_error ({...} → an error inside HTTP 200), error ({...} → {"error": ...} body),
  raw (exact body text), usage ({...}), answered_model, stream (true → SSE; without it a request
  with "stream": true is answered with SSE, so "stream": false plays a server that ignores it),
  stream_error ({...} → an error chunk mid-stream: top-level "error" and finish_reason "error"),
  stream_error_finish_only (true → the error chunk has finish_reason "error" but no "error"),
  stream_comments (extra ": OPENROUTER PROCESSING" lines, default 0 beyond the first one),
  stream_chunk_bytes (n → the SSE bytes are written n at a time, so lines split across reads),
  stream_truncate (true → the stream stops after the content, with no finish reason or [DONE]),
  close (true → drop the connection).
Script-level "usage_mode": "estimate" answers usage computed from the request instead of the
canned default: prompt tokens from the text sent (ASCII 4 characters a token, any other character
one token, 4 a message; the response_format schema counted as text) plus the providers' documented image-token formulas
from each decoded data-URL JPEG's size and detail; completion tokens from the answer the same way;
no `cost`, so the client prices the tokens. Script-level "vision_auto": true answers a request with
images (and no scripted content) with {"photos": [...]}, one compact insight (id, room, features,
condition, amenities, quality, issues, confidence) per image labelled p1..pN (listed in reverse
order), whose first feature names the size and detail that image arrived at.
A transcription step may set "language" and "duration" (returned with response_format verbose_json).
Script-level "oracle": {"corpus": PATH, "mode": "truthful" | "lie_true_quote" | "lie_invented_quote"}
answers every extraction request (response_format named PropertyDetails) without scripted content
from the labelled corpus at PATH, and the transcription of a file memo-<id>.* with that entry's
memo (extraction_oracle.py says how).
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

import extraction_oracle

LOCK = threading.Lock()
STATE = {"script": {"steps": []}, "used": set(), "requests": []}
DEFAULT_CONTENT = json.dumps({"ok": True})


def oracle_corpus():
    """The oracle's corpus, read once; None without an oracle."""
    oracle = STATE["script"].get("oracle")
    if not oracle:
        return None
    with LOCK:
        if STATE.get("oracle_path") != oracle["corpus"]:
            STATE["oracle_corpus"] = extraction_oracle.load(oracle["corpus"])
            STATE["oracle_path"] = oracle["corpus"]
        return STATE["oracle_corpus"]


def oracle_answer(body):
    """The oracle's extraction answer as JSON text, or None when this is not its request."""
    corpus = oracle_corpus()
    schema = ((body or {}).get("response_format") or {}).get("json_schema") or {}
    if corpus is None or schema.get("name") != "PropertyDetails":
        return None
    entry, spoken = extraction_oracle.find(corpus, user_text(body))
    if entry is None:
        return None
    return json.dumps(extraction_oracle.answer(entry, STATE["script"]["oracle"].get("mode", "truthful"), spoken),
                      ensure_ascii=False)


def default_usage():
    return {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150, "cost": 0.001}


def system_text(body):
    for message in (body or {}).get("messages", []):
        if message.get("role") == "system" and isinstance(message.get("content"), str):
            return message["content"]
    return ""


def user_text(body):
    texts = []
    for message in (body or {}).get("messages", []):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            texts += [part.get("text", "") for part in content if part.get("type") == "text"]
    return "\n".join(texts)


def take_step(model, body=None):
    with LOCK:
        for index, step in enumerate(STATE["script"].get("steps", [])):
            if index in STATE["used"]:
                continue
            if step.get("model") not in (None, model):
                continue
            if "match_system" in step and step["match_system"] not in system_text(body):
                continue
            if "match_user" in step and step["match_user"] not in user_text(body):
                continue
            if not step.get("repeat"):
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


def jpeg_size(data):
    """(width, height) from a JPEG's SOF marker."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = (data[i + 2] << 8) | data[i + 3]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            return ((data[i + 7] << 8) | data[i + 8], (data[i + 5] << 8) | data[i + 6])
        i += 2 + length
    return (0, 0)


def images_in(body):
    """[(width, height, detail)] for every data-URL image part, in order."""
    found = []
    for message in body.get("messages", []):
        content = message.get("content")
        if not isinstance(content, list):
            continue
        for part in content:
            if part.get("type") == "image_url":
                url = part["image_url"]["url"]
                data = base64.b64decode(url.split(",", 1)[1])
                width, height = jpeg_size(data)
                found.append((width, height, part["image_url"].get("detail", "auto")))
    return found


def text_tokens(text):
    ascii_chars = sum(1 for c in text if ord(c) < 128)
    return -(-ascii_chars // 4) + (len(text) - ascii_chars)


def image_tokens(model, width, height, detail):
    if "gpt-4o" in (model or ""):
        if detail == "low":
            return 85
        w, h = float(width), float(height)
        if max(w, h) > 2048:
            s = 2048 / max(w, h); w *= s; h *= s
        if min(w, h) > 768:
            s = 768 / min(w, h); w *= s; h *= s
        return 85 + 170 * int(-(-w // 512)) * int(-(-h // 512))
    w, h = float(width), float(height)
    if max(w, h) > 1568:
        s = 1568 / max(w, h); w *= s; h *= s
    if w * h > 1150000:
        s = (1150000 / (w * h)) ** 0.5; w *= s; h *= s
    return int(-(-(w * h) // 750))


def estimated_usage(body, content):
    prompt = 0
    for message in body.get("messages", []):
        prompt += 4
        parts = message.get("content")
        if isinstance(parts, str):
            prompt += text_tokens(parts)
        elif isinstance(parts, list):
            prompt += sum(text_tokens(p.get("text", "")) for p in parts if p.get("type") == "text")
    if body.get("response_format"):
        prompt += text_tokens(json.dumps(body["response_format"], ensure_ascii=False))
    prompt += sum(image_tokens(body.get("model"), w, h, d) for w, h, d in images_in(body))
    completion = text_tokens(content or "")
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


ROOMS = ["living_room", "bedroom", "bathroom", "kitchen", "pool", "exterior", "bedroom", "garden", "dining_room", "bathroom"]


def vision_answer(body):
    photos = []
    for index, (width, height, detail) in enumerate(images_in(body)):
        room = ROOMS[index % len(ROOMS)]
        photos.append({"id": "p%d" % (index + 1), "room": room,
                       "features": ["sent_%dx%d_%s" % (width, height, detail), "natural_light", "tiled_floor",
                                    "floor_to_ceiling_windows", "modern_furniture"],
                       "condition": "good",
                       "amenities": ["air_conditioning", "built_in_wardrobe"] if room == "bedroom" else ["garden_view"],
                       "quality": 7.5, "issues": ["minor_wall_scuff"] if index == 2 else [],
                       "confidence": 0.85})
    return json.dumps({"photos": list(reversed(photos))})


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
            delay = step.get("delay", 0) + STATE["script"].get("latency", 0)
            if delay:
                time.sleep(delay)
            self.answer_transcription(step, fields)
            return
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"unparseable": base64.b64encode(raw).decode()}
        self.record(body)
        step = take_step(body.get("model"), body)
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
        text = step.get("content", "hello from the memo")
        corpus = oracle_corpus()
        if corpus is not None and "content" not in step:
            text = extraction_oracle.memo_for(corpus, (fields.get("file") or {}).get("filename")) or text
        if fields.get("response_format") == "verbose_json":
            duration = step.get("duration", 8.0)
            self.send_json(200, {"task": "transcribe", "language": step.get("language", "english"), "duration": duration,
                                 "text": text, "segments": [{"id": 0, "start": 0.0, "end": duration, "text": text}]})
            return
        self.send_json(200, {"text": text, "usage": step.get("usage", {"type": "duration", "seconds": 8})})

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
        script = STATE["script"]
        if script.get("vision_auto") and "content" not in step and images_in(body):
            step = dict(step, content=vision_answer(body))
        if "content" not in step:
            told = oracle_answer(body)
            if told is not None:
                step = dict(step, content=told)
        content = None if step.get("null_content") else step.get("content", script.get("default_content", DEFAULT_CONTENT))
        usage = step.get("usage", estimated_usage(body, content) if script.get("usage_mode") == "estimate" else default_usage())
        choice = {"index": 0, "finish_reason": step.get("finish_reason", "stop"),
                  "message": {"role": "assistant", "content": content}}
        if "choice_error" in step:
            choice["finish_reason"] = "error"
            choice["error"] = step["choice_error"]
        answer = {"id": "gen-%d" % int(time.time() * 1e6), "object": "chat.completion", "model": model,
                  "choices": [choice], "usage": usage}
        if step.get("stream", bool(body.get("stream"))):
            self.stream(answer, step)
        else:
            self.send_json(200, answer, headers)

    def stream(self, answer, step):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

        size = step.get("stream_chunk_bytes")

        def chunk(text):
            data = text.encode()
            pieces = [data[i:i + size] for i in range(0, len(data), size)] if size else [data]
            for piece in pieces:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                if size:
                    self.wfile.flush()
                    time.sleep(0.001)

        chunk(": OPENROUTER PROCESSING\n\n")
        for _ in range(step.get("stream_comments", 0)):
            chunk(": OPENROUTER PROCESSING\n\n")
        content = answer["choices"][0]["message"]["content"] or ""
        for piece in (content[: len(content) // 2], content[len(content) // 2:]):
            chunk("data: " + json.dumps({"id": answer["id"], "model": answer["model"],
                                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}) + "\n\n")
        if step.get("stream_truncate"):
            self.wfile.write(b"0\r\n\r\n")
            return
        if "stream_error" in step or step.get("stream_error_finish_only"):
            error_chunk = {"id": answer["id"], "choices": [{"index": 0, "delta": {"content": ""}, "finish_reason": "error"}]}
            if "stream_error" in step:
                error_chunk["error"] = step["stream_error"]
            chunk("data: " + json.dumps(error_chunk) + "\n\n")
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
