"""A local web server for one test that can be stopped (a reader loses the signal), started
again on the same address (a worker belongs to its origin) and switched to another build (a
newer edition is published). It answers every request afresh (no 304 Not Modified by file
dates, which two builds made at once would make meaningless) and can serve a folder under a
sub-path."""
from __future__ import annotations

import http.server
import threading
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: _Server

    def log_message(self, *args):
        pass

    def translate_path(self, path: str) -> str:
        prefix = self.server.prefix
        if not path.startswith(prefix):
            return str(self.server.folder / "no such file")
        return super().translate_path("/" + path[len(prefix):])

    def send_head(self):
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, address, folder: Path, prefix: str):
        self.folder, self.prefix = folder, prefix
        super().__init__(address, lambda *a: _Handler(*a, directory=str(self.folder)))


class Switchable:
    def __init__(self, folder: Path, prefix: str = "/"):
        self.prefix, self.port, self.httpd = prefix, 0, None
        self.start(folder)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.prefix}"

    def start(self, folder: Path) -> None:
        self.httpd = _Server(("127.0.0.1", self.port), Path(folder), self.prefix)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def switch(self, folder: Path) -> None:
        self.httpd.folder = Path(folder)

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None
