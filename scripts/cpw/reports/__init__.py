"""The Evidence site: publish the marts it reads, build it, and serve the static build.

The site never reads the warehouse itself. `publish` copies the few marts the pages use into a
small DuckDB file inside the Evidence project; `build_site` runs Evidence on that file (fully
offline, telemetry off); `serve` and `start_server` serve the static build on localhost only.
"""

from __future__ import annotations

from cpw.reports.pdf import print_board_pack
from cpw.reports.publish import SITE_MARTS, publish
from cpw.reports.server import serve, start_server
from cpw.reports.site import SiteBuild, build_site

__all__ = [
    "SITE_MARTS",
    "SiteBuild",
    "build_site",
    "print_board_pack",
    "publish",
    "serve",
    "start_server",
]
