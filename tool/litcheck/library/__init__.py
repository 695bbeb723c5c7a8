"""Reading the library: .bib files and notes into one Library (entries, notes, claims, vocabulary)."""
