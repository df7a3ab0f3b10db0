"""The site's data-only refresh and its localhost server, on a hand-made Evidence layout.

No npm here: the files stand where `npm run sources` and `npm run build` put them (the browser
test, tests/reports/test_site.py, runs the real build). Expected paths are derived by hand: a
parquet file listed as `static/data/cpw/t/t.parquet` must end up at
`build/data/cpw/t/<md5 of its bytes>/t.parquet`, and the manifest must say so.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from cpw.errors import CpwStepError
from cpw.reports.server import APP_SHELL, start_server
from cpw.reports.site import FINGERPRINT_FILE, SOURCES_DATA, app_fingerprint, refresh_data

PARQUET = b"PAR1 not really parquet, but bytes with a known md5 PAR1"


def _project(root: Path) -> tuple[Path, Path]:
    """A reports folder after `npm run sources`, and a build folder from an earlier build."""
    reports = root / "reports"
    data = reports / SOURCES_DATA
    (data / "cpw" / "t").mkdir(parents=True)
    (data / "cpw" / "t" / "t.parquet").write_bytes(PARQUET)
    (data / "cpw" / "t" / "t.schema.json").write_text("{}", encoding="utf-8")
    (data / "manifest.json").write_text(
        json.dumps({"renderedFiles": {"cpw": ["static/data/cpw/t/t.parquet"]}}), encoding="utf-8"
    )
    (reports / "pages").mkdir()
    (reports / "pages" / "index.md").write_text("# Home\n", encoding="utf-8")
    (reports / "static" / "data-docs").mkdir(parents=True)
    (reports / "static" / "data-docs" / "index.html").write_text("new docs", encoding="utf-8")
    build = reports / "build"
    (build / "data" / "cpw" / "t" / "0ld").mkdir(parents=True)
    (build / "data" / "cpw" / "t" / "0ld" / "t.parquet").write_bytes(b"old")
    (build / "data-docs").mkdir()
    (build / "data-docs" / "index.html").write_text("old docs", encoding="utf-8")
    (build / "data-docs" / "stale.html").write_text("a suite that no longer exists", "utf-8")
    (build / APP_SHELL).write_text("<html>app shell</html>", encoding="utf-8")
    return reports, build


def test_refresh_puts_new_data_in_content_hashed_folders(tmp_path: Path) -> None:
    reports, build = _project(tmp_path)
    refresh_data(reports, build)
    digest = hashlib.md5(PARQUET, usedforsecurity=False).hexdigest()
    manifest = json.loads((build / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == {"renderedFiles": {"cpw": [f"static/data/cpw/t/{digest}/t.parquet"]}}
    assert (build / "data" / "cpw" / "t" / digest / "t.parquet").read_bytes() == PARQUET
    # the old data and the retired copy are gone; the schema file stays where Evidence keeps it
    assert not (build / "data" / "cpw" / "t" / "0ld").exists()
    assert not (build / "data" / "cpw" / "t" / "t.parquet").exists()
    assert (build / "data" / "cpw" / "t" / "t.schema.json").is_file()
    assert sorted(p.name for p in build.iterdir() if p.name.startswith(".")) == []
    # Data Docs are replaced as a whole folder, so a retired suite page does not linger
    assert (build / "data-docs" / "index.html").read_text(encoding="utf-8") == "new docs"
    assert not (build / "data-docs" / "stale.html").exists()
    assert (build / APP_SHELL).is_file()


def test_refresh_without_sources_says_so_and_keeps_the_site(tmp_path: Path) -> None:
    reports, build = _project(tmp_path)
    (reports / SOURCES_DATA / "manifest.json").unlink()
    with pytest.raises(CpwStepError, match="npm run sources"):
        refresh_data(reports, build)
    assert (build / "data" / "cpw" / "t" / "0ld" / "t.parquet").read_bytes() == b"old"


def test_fingerprint_follows_pages_not_data(tmp_path: Path) -> None:
    reports, build = _project(tmp_path)
    before = app_fingerprint(reports)
    (reports / SOURCES_DATA / "cpw" / "t" / "t.parquet").write_bytes(b"new data")
    (build / FINGERPRINT_FILE).write_text(before, encoding="utf-8")
    assert app_fingerprint(reports) == before
    (reports / "pages" / "index.md").write_text("# Home, edited\n", encoding="utf-8")
    assert app_fingerprint(reports) != before


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (localhost only)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""


def test_server_answers_page_addresses_with_the_app_shell(tmp_path: Path) -> None:
    _, build = _project(tmp_path)
    server, url = start_server(build)
    try:
        assert _get(url + "/") == (200, "<html>app shell</html>")
        assert _get(url + "/iro/children/C123/") == (200, "<html>app shell</html>")
        # a real folder with its own index.html is served as itself
        assert _get(url + "/data-docs/") == (200, "old docs")
        # a missing data file stays a 404, not an HTML page the app would misread
        assert _get(url + "/data/cpw/t/missing.parquet")[0] == 404
        assert _get(url + "/data/cpw/t/0ld/t.parquet") == (200, "old")
    finally:
        server.shutdown()
        server.server_close()
