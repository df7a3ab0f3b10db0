"""Where things live: the project root, the warehouse and the folders the pipeline uses."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cpw.synth.postcodes import PostcodeArea

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_WAREHOUSE = Path(os.environ.get("CPW_WAREHOUSE", PROJECT_ROOT / "warehouse" / "cpw.duckdb"))
DEFAULT_DEMO_DATA = PROJECT_ROOT / "warehouse" / "demo_input"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
REPORTS_DIR = PROJECT_ROOT / "reports"
REPORTS_BUILD_DIR = REPORTS_DIR / "build"
# The site reads a small publish file holding only the marts, never the warehouse itself.
REPORTS_SOURCE_DB = REPORTS_DIR / "sources" / "cpw" / "cpw_reports.duckdb"

DEMO_SEED = 20261124
DEMO_CHILDREN = 400
DEMO_YEARS = 3
# The demo council also sends local (SSD-aligned) extracts, so every duty measure has data.
DEMO_LOCAL_EXTRACTS = True
# The demo council borrows Derby's code (dbt var la_code); its synthetic children live at real
# postcodes of Derby's DE area and are placed there or in the neighbouring NG and S areas.
DEMO_LA_CODE = "E06000015"
DEMO_POSTCODE_AREAS = ("DE", "NG", "S")


def demo_postcode_area() -> PostcodeArea:
    """The real postcode pools of the LA the demo council borrows."""
    from cpw.synth.postcodes import PostcodeArea

    return PostcodeArea.from_directory(DEMO_LA_CODE, DEMO_POSTCODE_AREAS)
