"""The committed GX suites are exactly what their generator writes from the loader's sources."""

from __future__ import annotations

import json
import re

from cpw.ingest.tables import TABLES
from cpw.seedgen import expectations
from cpw.settings import EXPECTATIONS_DIR


def test_committed_suites_equal_the_generator_output() -> None:
    for spec in TABLES:
        path = EXPECTATIONS_DIR / f"raw_{spec.name}.json"
        assert path.read_text(encoding="utf-8") == expectations.render(spec), path.name
    assert {p.stem for p in EXPECTATIONS_DIR.glob("raw_*.json")} == {
        f"raw_{spec.name}" for spec in TABLES
    }


def test_suite_date_rule_accepts_what_the_loader_accepts() -> None:
    suite = json.loads((EXPECTATIONS_DIR / "raw_episodes.json").read_text())
    (decom,) = [
        e
        for e in suite["expectations"]
        if e["kwargs"].get("column") == "decom"
        and e["type"] == "expect_column_values_to_match_regex"
    ]
    regex = re.compile(decom["kwargs"]["regex"])
    for accepted in ("01/04/2024", "1/4/2024", "2024-04-01", "2024-04-01 00:00:00", " 01/04/2024"):
        assert regex.match(accepted), accepted
    for refused in ("01/04/24", "02/01/20251", "31-02-2024", "1st April"):
        assert not regex.match(refused), refused
    assert decom["meta"]["critical"] is True, "DECOM is part of the episode key"
