"""Exports for the people who fix records: child-level lists as CSV and Excel."""
