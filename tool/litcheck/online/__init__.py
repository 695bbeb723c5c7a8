"""Online look-ups: the world's bibliographic records (Crossref, OpenAlex, Open Library).

Offline first: nothing here touches the network unless a command is given `--online` (or
LITCHECK_ONLINE=1); every response is kept in a local SQLite cache, so a repeated run does
no network I/O and an offline run can still answer from what was fetched before.
"""
