"""Messages to agents with the real daemon: a real SMTP server on 127.0.0.1 (smtp_sink.py, with
STARTTLS on a self-signed certificate and AUTH) and local receivers for Telegram, LINE and the
signed webhook.

- A published folder → exactly one mail to its agent, in the agent's language (Russian here),
  with the title and the price; re-runs of the same listing send nothing more.
- A folder without a price → one mail saying to add it.
- The SMTP server down for a while → the mail is delivered once after it returns.
- `kill -9` while the mail is being delivered → never sent a second time.
- Telegram sendMessage, LINE push and the webhook (HMAC signature, owner, agent, state) have
  their documented shapes; `notify-test` reaches every channel; no token reaches the log.
"""
from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import os
import pwd
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pi_harness as h
from smtp_sink import SmtpSink

SMTP_PASSWORD = "smtp-pw-3c9e1a"
TELEGRAM_TOKEN = "123456:tg-token-9b7f"
LINE_TOKEN = "line-token-51ad2e"
NOTIFY_SECRET = "notify-secret-0e44"
PHOTO = h.EXAMPLES / "condo-sukhumvit-24" / "bedroom.jpeg"
OWNER = pwd.getpwuid(os.geteuid()).pw_name  # the tests' folders belong to the user running them


def make_cert(base: Path) -> tuple[str, str]:
    cert, key = base / "smtp.crt", base / "smtp.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return str(cert), str(key)


def write_config(base: Path, *, smtp_port: int | None = None, cert: str | None = None, http_base: str | None = None,
                 language: str = "ru") -> Path:
    (base / "inbox").mkdir(exist_ok=True)
    lines = ["[site]", 'base_url = "https://homes.example/listings/"', "",
             "[notify]", "retry_max_seconds = 2", 'smtp_from = "inbox@office.example"']
    if smtp_port:
        lines.append(f'smtp_url = "smtp://127.0.0.1:{smtp_port}"')
        lines.append('smtp_user = "office"')
        if cert:
            lines.append(f'smtp_ca_file = "{cert}"')
        else:
            lines.append("smtp_starttls = false")
    if http_base:
        lines += [f'telegram_api = "{http_base}/tg"', f'line_api = "{http_base}/line"', f'webhook_url = "{http_base}/hook"']
    lines += ["", "[agents.olga]", 'name = "Olga"', f'language = "{language}"', f'accounts = ["{OWNER}"]',
              'time_zone = "Asia/Bangkok"', 'email = "olga@office.example"']
    if http_base:
        lines += ['telegram_chat_id = "424242"', 'line_user_id = "U0123456789abcdef0123456789abcdef"']
    (base / "config.toml").write_text("\n".join(lines) + "\n")
    return base / "config.toml"


def daemon_for(cli, base: Path, config: Path) -> h.Daemon:
    return h.Daemon.watch(cli, base / "inbox", base / "state", base / "daemon.log", settle=1, extra=["--config", str(config)],
                          env={"PROPERTY_INBOX_SMTP_PASSWORD": SMTP_PASSWORD, "PROPERTY_INBOX_TELEGRAM_TOKEN": TELEGRAM_TOKEN,
                               "PROPERTY_INBOX_LINE_TOKEN": LINE_TOKEN, "PROPERTY_INBOX_NOTIFY_SECRET": NOTIFY_SECRET})


def outbox(state: Path) -> list[dict]:
    rows = h.db_query(state, "SELECT property_id, channel, outcome, state, attempts FROM notice_outbox ORDER BY id")
    return [{"property": p, "channel": c, "outcome": o, "state": s, "attempts": a} for p, c, o, s, a in rows]


def settled(state: Path) -> bool:
    """Nothing pending or being sent."""
    return all(r["state"] in ("sent", "uncertain") for r in outbox(state))


def runs_of(state: Path, name: str) -> int:
    return sum(1 for r in h.run_rows(state) if r["folder"] == name and r["finished_at"])


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def test_published_and_missing_price_one_mail_each_in_the_agents_language(watch_cli, base, daemons):
    cert, key = make_cert(base)
    sink = SmtpSink(cert=(cert, key))
    try:
        config = write_config(base, smtp_port=sink.port, cert=cert)
        daemon = daemon_for(watch_cli, base, config)
        daemons.append(daemon)
        daemon.start()
        inbox = base / "inbox"
        h.make_text_folder(inbox, "condo-asok", photo=PHOTO)
        h.make_text_folder(inbox, "condo-noprice", photo=PHOTO,
                           description="Condo for rent: 2 bedrooms, 1 bathroom, 65 sqm, pool, Sukhumvit, Bangkok.\n")
        daemon.wait_for(lambda: h.all_published(base / "state", ["condo-asok", "condo-noprice"]), 120, "both folders published")
        daemon.wait_for(lambda: len(sink.messages) >= 2 and settled(base / "state"), 60, "two mails")

        # Re-runs of the same listing: the description written again (same bytes) → processed again, no new mail.
        for name in ("condo-asok", "condo-noprice"):
            runs = runs_of(base / "state", name)
            description = inbox / name / "description.txt"
            description.write_bytes(description.read_bytes())
            daemon.wait_for(lambda: runs_of(base / "state", name) > runs, 60, f"{name} re-run")
        daemon.wait_for(lambda: settled(base / "state"), 30, "the outbox to settle")

        mails = sink.parsed()
        for mail in mails:
            print(f"--- {mail['subject']}\n{mail['body']}")
        assert len(mails) == 2, [m["subject"] for m in mails]
        by_folder = {("condo-asok" if "condo-asok" in m["subject"] else "condo-noprice"): m for m in mails}
        published, noprice = by_folder["condo-asok"], by_folder["condo-noprice"]
        assert published["to"] == ["<olga@office.example>"]
        assert "опубликовано" in published["subject"]
        body = flat(published["body"])
        assert "25 000" in body and "Цена" in body, body           # the price, as Russian writes it
        assert "Квартира в кондоминиуме в аренду, 2 спальни" in body, body  # the title, in Russian
        assert "https://homes.example/listings/condo-asok/" in body
        assert "проверьте" in noprice["subject"]
        assert "Цена: не найдена" in flat(noprice["body"]), noprice["body"]
        assert "Не указана цена. Допишите в файл description.txt" in flat(noprice["body"]), noprice["body"]  # what to add
        assert all(m["tls"] for m in mails), "the mail went out before STARTTLS"
        assert all(m["auth"] == ("office", SMTP_PASSWORD) for m in mails)
        assert SMTP_PASSWORD not in daemon.log()

        status = json.loads(subprocess.run([str(watch_cli), "status", "--json", "--state-dir", str(base / "state")],
                                           capture_output=True, text=True, timeout=60, check=True).stdout)
        assert status["notifications"] == {"pending": 0, "sent": 2, "uncertain": 0}, status["notifications"]

        # A published folder removed from the inbox: one message, that its listing is taken down.
        shutil.rmtree(inbox / "condo-asok")
        daemon.wait_for(lambda: len(sink.messages) >= 3 and settled(base / "state"), 60, "the removal's mail")
        assert [m["subject"] for m in sink.parsed()[2:]] == ["condo-asok: папка удалена"]

        # notify-test: a test mail now, in the agent's language, over the same STARTTLS and AUTH.
        test = subprocess.run([str(watch_cli), "notify-test", "olga", "--config", str(config), "--state-dir", str(base / "state-test")],
                              capture_output=True, text=True, timeout=60, env=dict(os.environ, PROPERTY_INBOX_SMTP_PASSWORD=SMTP_PASSWORD))
        assert test.returncode == 0 and test.stdout.strip() == "email: sent", test.stdout + test.stderr
        assert sink.parsed()[-1]["subject"] == "Тестовое сообщение PropertyInbox" and sink.parsed()[-1]["tls"]
    finally:
        sink.stop()


def test_smtp_down_for_a_while_then_delivered_once(watch_cli, base, daemons):
    port = h.free_port()
    config = write_config(base, smtp_port=port)
    daemon = daemon_for(watch_cli, base, config)
    daemons.append(daemon)
    daemon.start()
    h.make_text_folder(base / "inbox", "villa-later")
    daemon.wait_for(lambda: h.all_published(base / "state", ["villa-later"]), 120, "the folder published")
    daemon.wait_for(lambda: any(r["attempts"] >= 2 for r in outbox(base / "state")), 60, "two failed tries while SMTP is down")
    sink = SmtpSink(port=port)
    try:
        daemon.wait_for(lambda: len(sink.messages) == 1 and settled(base / "state"), 60, "the mail once SMTP is back")
        rows = outbox(base / "state")
        print(f"SMTP down, then up: {rows}")
        assert [r["state"] for r in rows] == ["sent"]
        # Another folder goes out at once: the first mail is not repeated with it.
        h.make_text_folder(base / "inbox", "villa-next")
        daemon.wait_for(lambda: len(sink.messages) >= 2 and settled(base / "state"), 120, "the second folder's mail")
        subjects = [m["subject"] for m in sink.parsed()]
        assert sum("villa-later" in s for s in subjects) == 1, subjects
    finally:
        sink.stop()


def test_kill9_during_delivery_is_not_sent_twice(watch_cli, base, daemons):
    port = h.free_port()
    stalling = SmtpSink(port=port, stall_after_data=True)
    config = write_config(base, smtp_port=port)
    daemon = daemon_for(watch_cli, base, config)
    daemons.append(daemon)
    try:
        daemon.start()
        h.make_text_folder(base / "inbox", "house-kill")
        daemon.wait_for(lambda: len(stalling.messages) == 1, 120, "the mail to reach the server (its reply held)")
        assert [r["state"] for r in outbox(base / "state")] == ["sending"]
        daemon.kill9()
    finally:
        stalling.stop()
    sink = SmtpSink(port=port)
    try:
        daemon.start()
        daemon.wait_for(lambda: [r["state"] for r in outbox(base / "state")] == ["uncertain"], 60,
                        "the interrupted mail to be marked uncertain")
        h.make_text_folder(base / "inbox", "house-after")
        daemon.wait_for(lambda: len(sink.messages) >= 1 and settled(base / "state"), 120, "the next folder's mail")
        subjects = [m["subject"] for m in sink.parsed()]
        print(f"after kill -9: {subjects}; outbox {outbox(base / 'state')}")
        assert not any("house-kill" in s for s in subjects), "the interrupted mail was sent a second time"
        assert len(subjects) == 1
    finally:
        sink.stop()


class Receiver:
    """Telegram, LINE and the webhook on one local HTTP server: records every request."""

    def __init__(self):
        self.requests: list[dict] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append({"method": "POST", "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                          "raw": body, "json": json.loads(body)})
                answer = b'{"ok":true}' if self.path.startswith("/tg/") else b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_telegram_line_and_webhook_requests_have_their_documented_shapes(watch_cli, base, daemons):
    receiver = Receiver()
    try:
        config = write_config(base, http_base=receiver.base, language="th")
        daemon = daemon_for(watch_cli, base, config)
        daemons.append(daemon)
        daemon.start()
        h.make_text_folder(base / "inbox", "condo-chat", photo=PHOTO)
        daemon.wait_for(lambda: len(receiver.requests) >= 3 and settled(base / "state"), 120, "three channel requests")
        by_kind = {r["path"].split("/")[1]: r for r in receiver.requests}
        assert len(receiver.requests) == 3, [r["path"] for r in receiver.requests]

        # Telegram Bot API: POST /bot<token>/sendMessage, JSON with chat_id and text.
        telegram = by_kind["tg"]
        assert telegram["path"] == f"/tg/bot{TELEGRAM_TOKEN}/sendMessage"
        assert telegram["headers"]["content-type"] == "application/json"
        assert telegram["json"]["chat_id"] == "424242"
        assert "condo-chat" in telegram["json"]["text"] and "เผยแพร่แล้ว" in telegram["json"]["text"]

        # LINE Messaging API: POST /v2/bot/message/push, bearer token, to + messages[type=text].
        line = by_kind["line"]
        assert line["path"] == "/line/v2/bot/message/push"
        assert line["headers"]["authorization"] == f"Bearer {LINE_TOKEN}"
        assert line["headers"]["content-type"] == "application/json"
        assert UUID.match(line["headers"]["x-line-retry-key"]), line["headers"]
        assert line["json"]["to"] == "U0123456789abcdef0123456789abcdef"
        assert [m["type"] for m in line["json"]["messages"]] == ["text"]
        assert "condo-chat" in line["json"]["messages"][0]["text"]

        # The webhook: signed like the rebuild hook, carrying owner, agent and state.
        hook = by_kind["hook"]
        expected = "sha256=" + hmac.new(NOTIFY_SECRET.encode(), hook["raw"], hashlib.sha256).hexdigest()
        assert hmac.compare_digest(hook["headers"]["x-propertyinbox-signature"], expected)
        payload = hook["json"]
        assert payload["event"] == "agent.notice" and payload["state"] == "published"
        assert payload["owner"] == OWNER and payload["agent"] == "olga" and payload["property_id"] == "condo-chat"
        assert payload["url"] == "https://homes.example/listings/condo-chat/"
        assert payload["language"] == "th" and payload["title"] and "25,000" in payload["price"]

        log = daemon.log()
        for secret in (TELEGRAM_TOKEN, LINE_TOKEN, NOTIFY_SECRET):
            assert secret not in log, "a token reached the log"

        # notify-test: one test message on each channel, now.
        before = len(receiver.requests)
        test = subprocess.run([str(watch_cli), "notify-test", "olga", "--config", str(config), "--state-dir", str(base / "state-test")],
                              capture_output=True, text=True, timeout=60,
                              env=dict(os.environ, PROPERTY_INBOX_TELEGRAM_TOKEN=TELEGRAM_TOKEN, PROPERTY_INBOX_LINE_TOKEN=LINE_TOKEN))
        print(test.stdout, test.stderr)
        assert test.returncode == 0, test.stdout + test.stderr
        assert {"telegram: sent", "line: sent", "webhook: sent"} <= set(test.stdout.splitlines())
        assert len(receiver.requests) == before + 3
    finally:
        receiver.stop()


def test_scan_sends_what_it_owes_once(watch_cli, base):
    sink = SmtpSink()
    try:
        config = write_config(base, smtp_port=sink.port)
        h.make_text_folder(base / "inbox", "flat-scan", photo=PHOTO)
        argv = [str(watch_cli), "scan", str(base / "inbox"), "--state-dir", str(base / "state"), "--offline", "--config", str(config)]
        for _ in range(2):  # the second scan finds the folder unchanged: nothing more to tell
            scan = subprocess.run(argv, capture_output=True, text=True, timeout=120)
            assert scan.returncode == 0, scan.stdout + scan.stderr
        assert [m["subject"] for m in sink.parsed()] == ["flat-scan: объявление опубликовано"]
        assert [r["state"] for r in outbox(base / "state")] == ["sent"]
    finally:
        sink.stop()


def test_ai_review_after_a_pause_is_its_own_message(watch_cli, base, daemons):
    """Published from the offline rules while the provider is down → `pending_review`; once the
    provider answers and the AI's listing is out → one `reviewed`; retries in between → nothing."""
    receiver = Receiver()
    provider = h.FakeProvider(latency=0.0, script_path=base / "script.json")

    def script(steps):
        request = urllib.request.Request(provider.base + "/_script", method="POST",
                                         data=json.dumps({"steps": steps, "default_content": h.VALID_DETAILS}).encode())
        urllib.request.urlopen(request, timeout=10).read()

    try:
        script([{"status": 503, "repeat": True}])
        (base / "inbox").mkdir()
        config = base / "config.toml"
        config.write_text("[watch]\nretry_first_seconds = 1\nretry_max_seconds = 3\n"
                          f'[notify]\nwebhook_url = "{receiver.base}/hook"\n[agents.olga]\naccounts = ["{OWNER}"]\n')
        env = {"OPENROUTER_API_KEY": "sk-notice-test", "OPENROUTER_BASE_URL": provider.base,
               "OPENAI_API_KEY": "sk-notice-test", "OPENAI_BASE_URL": provider.base, "PROPERTY_INBOX_NOTIFY_SECRET": NOTIFY_SECRET}
        daemon = h.Daemon([str(watch_cli), "watch", str(base / "inbox"), "--state-dir", str(base / "state"), "--settle", "1",
                           "--config", str(config)], base / "daemon.log", env=env)
        daemons.append(daemon)
        daemon.start()
        h.make_text_folder(base / "inbox", "condo-review")  # no photo: the fake provider answers text calls only
        states = lambda: [r["json"]["state"] for r in receiver.requests]  # noqa: E731
        started = time.monotonic()
        daemon.wait_for(lambda: states() == ["pending_review"], 120, "the offline publish's message")
        print(f"pending_review after {time.monotonic() - started:.1f} s")
        runs = runs_of(base / "state", "condo-review")
        daemon.wait_for(lambda: runs_of(base / "state", "condo-review") >= runs + 2, 60, "two retries while the provider is down")
        assert states() == ["pending_review"], "a retry with the same outcome sent a message"

        script([{"match_system": "You write property listings", "repeat": True,
                 "content": json.dumps({"description": "A bright condo on Sukhumvit with a pool and a gym."})}])
        answering = time.monotonic()
        daemon.wait_for(lambda: "reviewed" in states() and settled(base / "state"), 120, "the AI review's message")
        print(f"reviewed {time.monotonic() - answering:.1f} s after the provider answers")
        print(f"messages: {states()}")
        assert states() == ["pending_review", "reviewed"]
    finally:
        provider.stop()
        receiver.stop()
