"""Data Docs made offline: no script, no third-party stylesheet or image survives."""

from __future__ import annotations

from pathlib import Path

from cpw.quality.data_docs import index_page, make_offline

PAGE = """<html><head>
<link rel="stylesheet" href="https://cdn.example/bootstrap.css"/>
<link rel="stylesheet" href='//cdn.example/fa.css'>
<link rel="icon" href="static/images/favicon.ico">
<script src="https://code.example/jquery.js"></script>
<script>
  $(function () { $('#t').bootstrapTable({data: []}); });
</script>
</head><body><img src="https://bucket.example/logo.png"><img src="static/logo.png">
<table><tr><td>raw_header</td><td>unexpected: 'Q'</td></tr></table></body></html>"""


def test_make_offline_strips_scripts_and_remote_assets_only() -> None:
    page = make_offline(PAGE, "../index.html")
    assert "<script" not in page
    assert "cdn.example" not in page and "bucket.example" not in page
    # local assets and the rendered content stay
    assert 'href="static/images/favicon.ico"' in page
    assert 'src="static/logo.png"' in page
    assert "<td>unexpected: 'Q'</td>" in page
    assert '<a href="../index.html">All suites</a>' in page
    assert page.index("<style>") < page.index("</head>")


def test_index_lists_each_suite_with_its_pages(tmp_path: Path) -> None:
    (tmp_path / "expectations").mkdir()
    (tmp_path / "expectations" / "raw_header.html").write_text("x")
    result = tmp_path / "validations" / "raw_header" / "__none__" / "20250101T000000Z" / "a.html"
    result.parent.mkdir(parents=True)
    result.write_text("x")
    page = index_page(tmp_path, {"raw_header": "warnings", "stg_ssda903__dolo": "skipped"})
    assert (
        '<tr><td><a href="expectations/raw_header.html">raw_header</a></td><td>warnings</td>'
        '<td><a href="validations/raw_header/__none__/20250101T000000Z/a.html">result</a></td></tr>'
    ) in page
    assert "<tr><td>stg_ssda903__dolo</td><td>skipped</td><td></td></tr>" in page
    assert "http" not in page
