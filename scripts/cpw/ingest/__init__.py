"""Load SSDA903 extracts into the warehouse's raw schema, losslessly and atomically."""

from cpw.ingest.loader import LoadResult, load_folder

__all__ = ["LoadResult", "load_folder"]
