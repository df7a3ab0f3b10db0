"""cpw: the corporate parenting warehouse."""

__version__ = "0.1.0"
