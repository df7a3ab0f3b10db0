"""Serve the static Evidence build on localhost with the standard library.

The site is a single-page app (docs/reports.md, "Why the pages render in the browser"): any page
address with no file behind it gets the app's shell, `200.html`, which routes in the browser.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cpw.errors import CpwInputError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost"})
# The site shows child-level pages: it is served to this machine only.
BIND_ADDRESS = "127.0.0.1"
# adapter-static's fallback page (reports/svelte.config.js): the app shell for every route.
APP_SHELL = "200.html"


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the MIME types the site needs, and no request log on stderr."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".parquet": "application/octet-stream",
        ".arrow": "application/vnd.apache.arrow.file",
    }

    def log_message(self, format: str, *args: Any) -> None:
        """Drop the per-request log line (library code does not print)."""

    def translate_path(self, path: str) -> str:
        """A page address (no file, or a folder without index.html) maps to the app shell.

        Addresses with a file suffix (data, scripts, images) are left alone, so a missing one is
        still a 404 rather than an HTML page the browser would misread.
        """
        local = super().translate_path(path)
        if os.path.isfile(local):
            return local
        if os.path.isdir(local) and os.path.isfile(os.path.join(local, "index.html")):
            return local
        if os.path.splitext(local.rstrip("/"))[1]:
            return local
        return os.path.join(self.directory, APP_SHELL)


def _make_server(build_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    if host not in LOOPBACK_HOSTS:
        raise CpwInputError(f"the site is served on localhost only, not on {host!r}")
    if not (build_dir / APP_SHELL).is_file():
        raise CpwInputError(f"no {APP_SHELL}: build the site first (cpw report)", file=build_dir)
    handler = functools.partial(_SiteHandler, directory=str(build_dir.resolve()))
    return ThreadingHTTPServer((BIND_ADDRESS, port), handler)


def serve(build_dir: Path, host: str = BIND_ADDRESS, port: int = 4173) -> None:
    """Serve the static build until interrupted.

    Args:
        build_dir: the folder `build_site` returned.
        host: must be a loopback name; the server binds 127.0.0.1 whatever is given.
        port: the TCP port.

    Raises:
        CpwInputError: `host` is not loopback, or `build_dir` holds no site.
    """
    with _make_server(build_dir, host, port) as server:
        server.serve_forever()


def start_server(build_dir: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serve the static build from a daemon thread (for tests and scripted checks).

    Args:
        build_dir: the folder `build_site` returned.
        port: the TCP port; 0 picks a free one.

    Returns:
        The running server (call `shutdown()` then `server_close()` to stop it) and its base
        URL, such as `http://127.0.0.1:41234`.
    """
    server = _make_server(build_dir, BIND_ADDRESS, port)
    thread = threading.Thread(target=server.serve_forever, name="cpw-site", daemon=True)
    thread.start()
    bound_port = server.server_address[1]
    return server, f"http://{BIND_ADDRESS}:{bound_port}"
