"""The version of genforge, in one place (no imports: any layer may read it)."""

__version__ = "0.1.0"
