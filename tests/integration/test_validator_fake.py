"""The DfE validator's own fake 903 set (real messiness no one here wrote) loads with every
row accounted for. Counts are pinned; rows in are also counted independently from the files."""

from __future__ import annotations

import collections

import pytest

from cpw.ingest import LoadResult, load_folder
from cpw.settings import PROJECT_ROOT

FAKE = PROJECT_ROOT.parent / "shared" / "samples" / "ssda903_validator_fake"

# table: (rows in, loaded, quarantined, flagged)
EXPECTED = {
    "header": (2675, 2675, 0, 1),  # MOTHER "1.0"
    "episodes": (5050, 5050, 0, 0),
    "uasc": (132, 132, 0, 0),
    "reviews": (12582, 12568, 14, 0),  # 14 repeated (CHILD, REVIEW) pairs
    "oc2": (2675, 2675, 0, 0),
    "oc3": (53, 53, 0, 3),  # ACCOM "01", "02" and "S1" are not valid codes
    "ad1": (29, 29, 0, 0),
    "placed_adoption": (29, 29, 0, 29),  # REASON_PLACED_CEASED "XXX"
    "prev_perm": (2675, 2675, 0, 0),
    "missing": (43, 43, 0, 0),
    "sw_episodes": (1, 1, 0, 1),  # SW_REASON "SWLAZY"
    "dolo": (1, 1, 0, 0),
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadResult:
    assert FAKE.is_dir(), f"the shared sample is missing: {FAKE}"
    return load_folder(FAKE, tmp_path_factory.mktemp("fake") / "cpw.duckdb", year="2017-18")


def test_every_table_is_recognised_and_every_row_accounted_for(loaded: LoadResult) -> None:
    assert loaded.totals() == EXPECTED
    for audit in loaded.files:
        assert audit.rows_in == audit.rows_loaded + audit.rows_quarantined


def test_rows_in_match_the_files_counted_independently(loaded: LoadResult) -> None:
    for audit in loaded.files:
        if audit.table_name is None:
            continue
        lines = (FAKE / audit.source_file).read_text(encoding="utf-8-sig").splitlines()
        assert audit.rows_in == sum(1 for line in lines[1:] if line.strip()), audit.source_file


def test_non_903_files_are_reported_and_skipped(loaded: LoadResult) -> None:
    skipped = {a.source_file: a.status for a in loaded.files if a.table_name is None}
    assert skipped == {"LICENSE": "skipped", "README.md": "skipped"}


def test_top_reasons(loaded: LoadResult) -> None:
    reasons = collections.Counter(
        (i["table_name"], i["column_name"], str(i["reason"]).split(" as line")[0], i["disposition"])
        for i in loaded.issues
    )
    assert reasons == {
        (
            "placed_adoption",
            "REASON_PLACED_CEASED",
            "not a valid code in this collection year",
            "flagged",
        ): 29,
        ("reviews", "CHILD,REVIEW", "duplicate key: same CHILD,REVIEW", "rejected"): 14,
        ("oc3", "ACCOM", "not a valid code in this collection year", "flagged"): 3,
        ("header", "MOTHER", "not 0 or 1", "flagged"): 1,
        ("sw_episodes", "SW_REASON", "not a valid code in this collection year", "flagged"): 1,
    }
