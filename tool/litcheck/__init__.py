"""litcheck: a checked citation library, annotated notes, reading lists and a claim scanner."""

__version__ = "0.1.0"
