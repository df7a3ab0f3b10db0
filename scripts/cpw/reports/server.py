"""Serve the static Evidence build on localhost with the standard library."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cpw.errors import CpwInputError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost"})
# The site shows child-level pages: it is served to this machine only.
BIND_ADDRESS = "127.0.0.1"


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


def _make_server(build_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    if host not in LOOPBACK_HOSTS:
        raise CpwInputError(f"the site is served on localhost only, not on {host!r}")
    if not (build_dir / "index.html").is_file():
        raise CpwInputError("no index.html: build the site first", file=build_dir)
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
