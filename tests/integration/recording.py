"""A recording proxy in front of the emulator: every Cognito call that reaches it is timestamped
with its operation, then forwarded unchanged. Workers pointed at it are measured where Cognito
would measure them; calls the test itself makes go to the emulator directly and are not counted."""

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


class RecordingProxy:
    def __init__(self, upstream: str):
        target = urlsplit(upstream)
        self.calls: list[tuple[float, str]] = []  # (time.monotonic(), operation)
        lock = threading.Lock()
        calls = self.calls

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as botocore's pool expects
            upstream_connection = None

            def do_POST(self):
                self._forward()

            def do_GET(self):
                self._forward()

            def _forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                operation = (self.headers.get("X-Amz-Target") or "").rpartition(".")[2]
                if operation:
                    with lock:
                        calls.append((time.monotonic(), operation))
                if self.upstream_connection is None:
                    self.upstream_connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                self.upstream_connection.request(self.command, self.path, body, headers)
                response = self.upstream_connection.getresponse()
                data = response.read()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "RecordingProxy":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def busiest_windows(self, category_of) -> dict[str, int]:
        """Per quota category, the most calls that reached the emulator within any 1-second window."""
        by_category: dict[str, list[float]] = {}
        for stamp, operation in list(self.calls):
            by_category.setdefault(category_of(operation), []).append(stamp)
        busiest = {}
        for category, stamps in by_category.items():
            stamps.sort()
            most, start = 0, 0
            for end, stamp in enumerate(stamps):
                while stamp - stamps[start] >= 1.0:
                    start += 1
                most = max(most, end - start + 1)
            busiest[category] = most
        return busiest
