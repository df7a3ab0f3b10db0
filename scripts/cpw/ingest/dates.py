"""The one rule for what a 903 date may look like, read from dbt_project.yml's vars.

dbt's parse_903_date macro and the loader's checks both build their SQL from these settings, so
a value the loader accepts is a value staging can type, and the reverse.
"""

from __future__ import annotations

from functools import cache

import yaml

from cpw.settings import PROJECT_ROOT


@cache
def date_settings() -> tuple[str, tuple[str, ...]]:
    """The accepted date pattern (a full-match regex) and the strptime formats, in order."""
    project = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    variables = project["vars"]
    return str(variables["ssda903_date_pattern"]), tuple(variables["ssda903_date_formats"])


def parse_date_sql(column: str) -> str:
    """DuckDB SQL turning a text column into a DATE, or null when it is not a 903 date."""
    pattern, formats = date_settings()
    format_list = ", ".join(f"'{f}'" for f in formats)
    return (
        f"case when regexp_full_match(trim({column}), '{pattern}') "
        f"then cast(try_strptime(trim({column}), [{format_list}]) as date) end"
    )
