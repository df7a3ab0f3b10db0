"""Exports for people outside the warehouse: files written from marts, never raw data.

Child-level lists for the case-recording teams (validation errors) and for inspection
preparation (Ofsted Annex A).
"""
