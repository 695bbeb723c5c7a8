"""The one safe write path: locked, backed-up, atomic span edits of .bib files, and new works joining."""
