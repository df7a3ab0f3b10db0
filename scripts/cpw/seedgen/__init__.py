"""Scripts that generate seed CSVs from maintained sources, so no seed is typed by hand."""
