"""Exports for people outside the warehouse: files written from marts, never from raw data."""
