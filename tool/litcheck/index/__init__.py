"""The cached index of parsed library files and of values derived from the whole library."""
