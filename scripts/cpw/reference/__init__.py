"""Reference data cpw takes from maintained packages rather than writing by hand."""

from cpw.reference.postcodes import load_postcode_centroids

__all__ = ["load_postcode_centroids"]
