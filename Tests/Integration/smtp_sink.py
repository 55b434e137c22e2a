"""A small SMTP server on 127.0.0.1 for the notification tests (no new dependency: Debian 12's
Python has no smtpd worth using and aiosmtpd is not installed).

Speaks EHLO/HELO, STARTTLS (with a certificate), AUTH PLAIN/LOGIN (records the credentials),
MAIL, RCPT, DATA, RSET, NOOP, QUIT. `stall_after_data` holds the reply to the end of DATA until
stop(), so a test can kill the sender mid-delivery after the message reached the server.
"""
from __future__ import annotations

import base64
import email
import email.policy
import socket
import ssl
import threading


class SmtpSink:
    def __init__(self, port: int = 0, cert: tuple[str, str] | None = None, stall_after_data: bool = False):
        self.messages: list[dict] = []
        self.sessions: list[dict] = []
        self.stall_after_data = stall_after_data
        self.context = None
        if cert:
            self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self.context.load_cert_chain(*cert)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket):
        session = {"tls": False, "auth": None, "commands": []}
        self.sessions.append(session)
        buffer = b""

        def send(line: str):
            conn.sendall((line + "\r\n").encode())

        def read_line() -> bytes | None:
            nonlocal buffer
            while b"\r\n" not in buffer:
                chunk = conn.recv(65536)
                if not chunk:
                    return None
                buffer += chunk
            line, buffer = buffer.split(b"\r\n", 1)
            return line

        try:
            send("220 sink.test ESMTP")
            envelope = {"from": None, "to": []}
            while True:
                raw = read_line()
                if raw is None:
                    return
                line = raw.decode(errors="replace")
                verb = line.split(" ", 1)[0].upper()
                session["commands"].append(verb)
                if verb in ("EHLO", "HELO"):
                    extensions = ["AUTH PLAIN LOGIN", "8BITMIME"]
                    if self.context and not session["tls"]:
                        extensions.insert(0, "STARTTLS")
                    if verb == "HELO":
                        send("250 sink.test")
                    else:
                        send("250-sink.test")
                        for extension in extensions[:-1]:
                            send("250-" + extension)
                        send("250 " + extensions[-1])
                elif verb == "STARTTLS" and self.context:
                    send("220 go ahead")
                    conn = self.context.wrap_socket(conn, server_side=True)
                    session["tls"] = True
                    buffer = b""
                elif verb == "AUTH":
                    parts = line.split(" ")
                    if parts[1].upper() == "PLAIN":
                        blob = parts[2] if len(parts) > 2 else None
                        if blob is None:
                            send("334 ")
                            blob = read_line().decode()
                        _, user, password = base64.b64decode(blob).split(b"\0")
                    else:
                        user = base64.b64decode(parts[2]) if len(parts) > 2 else None
                        if user is None:
                            send("334 VXNlcm5hbWU6")
                            user = base64.b64decode(read_line())
                        send("334 UGFzc3dvcmQ6")
                        password = base64.b64decode(read_line())
                    session["auth"] = (user.decode(), password.decode())
                    send("235 ok")
                elif verb == "MAIL":
                    envelope = {"from": line.split(":", 1)[1].strip(), "to": []}
                    send("250 ok")
                elif verb == "RCPT":
                    envelope["to"].append(line.split(":", 1)[1].strip())
                    send("250 ok")
                elif verb == "DATA":
                    send("354 end with <CRLF>.<CRLF>")
                    data = b""
                    while True:
                        chunk = read_line()
                        if chunk is None:
                            return
                        if chunk == b".":
                            break
                        data += (chunk[1:] if chunk.startswith(b"..") else chunk) + b"\r\n"
                    self.messages.append({"envelope": dict(envelope), "data": data, "tls": session["tls"],
                                          "auth": session["auth"]})
                    if self.stall_after_data:
                        self.stopped.wait()
                        return
                    send("250 queued")
                elif verb == "QUIT":
                    send("221 bye")
                    return
                else:
                    send("250 ok")
        except (OSError, ssl.SSLError, ValueError):
            return
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def parsed(self) -> list[dict]:
        """Each message as subject, body text, recipients (the MIME decoded)."""
        out = []
        for message in self.messages:
            parsed = email.message_from_bytes(message["data"], policy=email.policy.default)
            out.append({"subject": str(parsed["subject"]), "to": message["envelope"]["to"],
                        "body": parsed.get_content(), "message_id": str(parsed["message-id"]),
                        "tls": message["tls"], "auth": message["auth"]})
        return out

    def stop(self):
        self.stopped.set()
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread, freeing the port
        except OSError:
            pass
        try:
            self.listener.close()
        except OSError:
            pass
        for conn in self.connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            except OSError:
                pass
