"""The keys of one .bib file in the order first defined, and where each one is.

A reader must know at every entry whether its key came before (the first definition wins). A
`set` beside the list of keys costs 32-64 bytes a key (32 MB for a million tiny entries, on top
of the list); this table holds only row numbers, 4 bytes a slot at most half full, and finds a
key through the list itself. Python's string hash is salted per process, so a file cannot be
crafted to make keys collide.
"""

from __future__ import annotations

from array import array


class KeyTable:
    """`keys` (a list it owns) plus an open-addressing table of their rows (linear probing)."""

    __slots__ = ("keys", "_table", "_mask")

    def __init__(self):
        self.keys: list[str] = []
        self._mask = 1023
        self._table = array("i", bytes(4 * (self._mask + 1)))  # row + 1; 0: empty

    def _slot(self, key: str) -> int:
        """The slot holding `key`, or the empty slot where it would go."""
        table, keys, mask = self._table, self.keys, self._mask
        i = hash(key) & mask
        while True:
            row = table[i]
            if not row or keys[row - 1] == key:
                return i
            i = (i + 1) & mask

    def add(self, key: str) -> bool:
        """Append `key` if it is new (True); False when it is already there."""
        table, keys, mask = self._table, self.keys, self._mask  # `_slot`, inlined: once per entry
        i = hash(key) & mask
        while row := table[i]:
            if keys[row - 1] == key:
                return False
            i = (i + 1) & mask
        keys.append(key)
        table[i] = len(keys)
        if 2 * len(keys) > mask:
            self._grow()
        return True

    def row(self, key: str) -> int | None:
        """The 0-based row of `key` (None when absent)."""
        if type(key) is not str:
            return None
        row = self._table[self._slot(key)]
        return row - 1 if row else None

    def __contains__(self, key) -> bool:
        return self.row(key) is not None

    def __len__(self) -> int:
        return len(self.keys)

    def _grow(self) -> None:
        self._mask = 2 * self._mask + 1
        mask, table = self._mask, array("i", bytes(4 * (self._mask + 1)))
        for row, key in enumerate(self.keys, 1):
            i = hash(key) & mask
            while table[i]:
                i = (i + 1) & mask
            table[i] = row
        self._table = table
