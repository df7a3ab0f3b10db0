"""The warehouse's storage format is set twice: once for cpw's own connections, once for dbt's."""

from __future__ import annotations

import yaml

from cpw.settings import PROJECT_ROOT
from cpw.warehouse import STORAGE_CONFIG


def test_dbt_writes_the_storage_format_cpw_writes() -> None:
    # profiles.yml cannot import cpw.warehouse; a file opened by one and written by the other
    # keeps the format it was created in, so the two settings must not drift apart
    profiles = yaml.safe_load((PROJECT_ROOT / "profiles.yml").read_text())
    settings = profiles["cpw"]["outputs"]["local"]["settings"]
    assert {k: settings[k] for k in STORAGE_CONFIG} == STORAGE_CONFIG
