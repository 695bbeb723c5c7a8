"""Inspect or clear the cached library index and online look-ups.

`litcheck cache info|clear`: look at or delete the cached library index."""

from __future__ import annotations

import click

from litcheck.cli.jsonout import dump_json
from litcheck.cli.options import emit, library_options


@click.group("cache")
def command():
    """Inspect or clear the cached index of the library.

    litcheck keeps a parsed index of each .bib file (and of the notes folder) in the user
    cache directory: $LITCHECK_CACHE_DIR, else $XDG_CACHE_HOME/litcheck, else
    ~/.cache/litcheck. An index is used only while its file's size, modification time and
    content hash match; anything else (an edit, a damaged or old index) is rebuilt on the
    next command. Clearing it is always safe: it only costs one slower run.

    \b
    Examples:
      litcheck cache info
      litcheck cache info --bib refs/law.bib --format json
      litcheck cache clear
      litcheck list --topic grooming --no-cache   # bypass it for one command
    """


@command.command("info")
@library_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def info(library, fmt):
    """Where the cache is, how big, and whether each .bib file's index is fresh.

    \b
    Examples:
      litcheck cache info
      litcheck cache info --bib refs/ --format json
    """
    from litcheck.index.load import describe
    from litcheck.index.store import cache_dir, cache_files
    from litcheck.library.paths import resolve_bib_paths

    # `library` is not loaded: info must not rebuild what it reports on. Re-read the paths.
    ctx = click.get_current_context()
    paths = resolve_bib_paths(ctx.params.get("bib") or ())
    from litcheck.online.store import ResponseStore

    files = cache_files()
    data = {"directory": str(cache_dir()), "files": len(files), "bytes": sum(f.stat().st_size for f in files),
            "sources": describe(paths), "online": ResponseStore().info()}
    if fmt == "json":
        emit(dump_json(data))
        return
    lines = [f"cache directory: {data['directory']}",
             f"index files: {data['files']} ({data['bytes'] / 1e6:.1f} MB)"]
    for row in data["sources"]:
        count = f"{row['entries']:,} entries" if row["entries"] is not None else "-"
        lines.append(f"  {row['state']:<16} {count:>16}  {row['source']}")
    online = data["online"]
    lines.append(f"online look-ups: {online['responses']:,} responses ({online['bytes'] / 1e6:.1f} MB) in {online['path']}")
    emit("\n".join(lines) + "\n")


@command.command("clear")
@click.option("--online", "online_only", is_flag=True,
              help="Clear the cached registry responses (lookup, verify) instead of the index.")
def clear(online_only):
    """Delete every cached index (the next command re-parses the library), or with --online
    the cached registry responses (the next lookup or verify asks the registries again).

    \b
    Examples:
      litcheck cache clear
      litcheck cache clear --online
    """
    from litcheck.index.store import cache_dir

    if online_only:
        from litcheck.online.store import ResponseStore

        emit(f"removed {ResponseStore().clear():,} cached registry response(s)\n")
        return
    from litcheck.index.store import clear as clear_all

    removed = clear_all()
    emit(f"removed {removed} index file(s) from {cache_dir()}\n")
