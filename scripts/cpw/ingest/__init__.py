"""Load SSDA903 extracts (CSV or XML, many years) into the warehouse's raw schema."""

from cpw.ingest.loader import FileAudit, LoadResult, load_folder

__all__ = ["FileAudit", "LoadResult", "load_folder"]
