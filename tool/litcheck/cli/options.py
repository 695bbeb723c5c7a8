"""Options shared by every command: where the library is, and how results are printed."""

from __future__ import annotations

import functools
import sys
from typing import Any, Callable

import click


def library_options(func: Callable) -> Callable:
    """Add --bib/--notes/--no-cache and pass a loaded-on-demand `load_library` callable.

    The command receives `library` as a zero-argument function so that commands which fail
    early on bad options never pay for parsing the library.
    """

    @click.option("--bib", "bib", multiple=True, type=click.Path(),
                  help="A .bib file or folder of .bib files (repeatable). Default: bundled refs/.")
    @click.option("--notes", "notes", type=click.Path(),
                  help="Folder of notes (<key>.md). Default: bundled notes/.")
    @click.option("--no-cache", is_flag=True, help="Parse everything afresh; do not read or write the cache.")
    @functools.wraps(func)
    def wrapper(*args: Any, bib: tuple[str, ...], notes: str | None, no_cache: bool, **kwargs: Any):
        def load():
            from litcheck.cli.terminal import progress
            from litcheck.editing.locking import read_consistently
            from litcheck.library.core import load_library
            from litcheck.library.paths import resolve_bib_paths, resolve_notes_dir

            paths = resolve_bib_paths(bib)
            # never half of a writer's multi-file commit (see editing.transaction)
            return read_consistently(paths, lambda: load_library(paths, resolve_notes_dir(notes, bool(bib)),
                                                                 use_cache=not no_cache, progress=progress))

        return func(*args, library=load, **kwargs)

    return wrapper


def write_options(func: Callable) -> Callable:
    """Add --bib/--dry-run/--backups and pass `session`, a function returning the
    `EditSession` for the library; a busy lock or an unreadable library raises a
    LitcheckError (exit 2) before anything is written."""

    @click.option("--bib", "bib", multiple=True, type=click.Path(),
                  help="A .bib file or folder of .bib files (repeatable). Default: bundled refs/.")
    @click.option("--dry-run", is_flag=True, help="Show what would change (as a diff); write nothing.")
    @click.option("--backups", type=click.IntRange(min=0), default=None,
                  help="Keep the newest N backups of each changed file in .litcheck-backups/ "
                       "(default 10, or LITCHECK_BACKUPS; 0: none).")
    @functools.wraps(func)
    def wrapper(*args: Any, bib: tuple[str, ...], dry_run: bool, backups: int | None, **kwargs: Any):
        from litcheck.editing.writing import EditSession
        from litcheck.library.paths import resolve_bib_paths

        def session(new_file: str | None = None):
            return EditSession(resolve_bib_paths(bib), dry_run=dry_run, backups=backups, new_file=new_file)

        return func(*args, session=session, **kwargs)

    return wrapper


def new_entry_options(func: Callable) -> Callable:
    """--to/--topic/--kind/--status/--force for commands that add works (add, import)."""

    @click.option("--to", "target", type=click.Path(dir_okay=False),
                  help="The library file to add to (needed when the library has several; a new .bib file is created).")
    @click.option("--topic", "topics", multiple=True, metavar="TOPIC",
                  help="Topic for the keywords of every new entry (repeatable; vocabulary topics).")
    @click.option("--kind", metavar="KIND", help="sourcekind of every new entry (e.g. ngo-report).")
    @click.option("--status", metavar="STATE", help="verification state of every new entry (a vocabulary state, e.g. unconfirmed).")
    @click.option("--force", is_flag=True, help="Add works that look like duplicates of existing ones anyway.")
    @functools.wraps(func)
    def wrapper(*args: Any, topics: tuple[str, ...], kind: str | None, status: str | None, **kwargs: Any):
        from litcheck.library.vocabulary import load_vocabulary

        vocab = load_vocabulary()  # the vocabulary is the registry of topics, kinds and states
        unknown = [t for t in topics if t.lower() not in vocab.topics]
        if unknown:
            fail(f"not in the topic vocabulary: {', '.join(unknown)}")
        for option, value, allowed in (("--kind", kind, vocab.kinds), ("--status", status, vocab.states)):
            if value and value.lower() not in allowed:
                fail(f"{option} {value!r} is not one of: {', '.join(allowed)}")
        house = {"keywords": ", ".join(dict.fromkeys(t.lower() for t in topics))} if topics else {}
        house |= {name: value.lower() for name, value in (("sourcekind", kind), ("verification", status)) if value}
        return func(*args, house_fields=house, **kwargs)

    return wrapper


class IdList(click.ParamType):
    """Ids of a registry (checks, scan rules), comma-separated and/or repeated, any case.

    The one parser of id lists, so `check --select a,b` and `scan --rules a,b` accept the same
    thing. The registry is read only when the option is used (`known` is a function), so
    `--help` imports no check or rule module.
    """

    name = "ids"

    def __init__(self, known: Callable[[], Any], what: str, listed_by: str) -> None:
        self.known, self.what, self.listed_by = known, what, listed_by

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        by_lower = {k.lower(): k for k in self.known()}
        ids = [part.strip() for part in str(value).split(",") if part.strip()]
        unknown = [i for i in ids if i.lower() not in by_lower]
        if unknown:
            self.fail(f"unknown {self.what} id(s): {', '.join(unknown)} (see `{self.listed_by}`)", param, ctx)
        return tuple(by_lower[i.lower()] for i in ids)

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list:
        from click.shell_completion import CompletionItem

        head, _, last = incomplete.rpartition(",")
        prefix = head + "," if head else ""
        return [CompletionItem(prefix + k) for k in self.known() if k.startswith(last.lower())]


def id_list_option(*decls: str, known: Callable[[], Any], what: str, listed_by: str, help: str) -> Callable:
    """A repeatable option of registry ids (see `IdList`); the command receives one flat tuple."""
    return click.option(*decls, multiple=True, metavar="ID[,ID...]", type=IdList(known, what, listed_by),
                        callback=lambda ctx, param, value: tuple(i for ids in value for i in ids), help=help)


def severity_choice() -> click.Choice:
    """The severities, least to most severe, from the one list findings and flags share."""
    from litcheck.library.findings import SEVERITIES

    return click.Choice(SEVERITIES, case_sensitive=False)


def emit(text, output: str | None = None) -> None:
    """Print to stdout, or write atomically to `output` or the command's -o FILE (never a
    half-written file). `text` is a str, bytes, or an iterable of str pieces written as they
    come (a large export is then never held whole in memory). Colour codes are dropped unless
    colour is wanted there (a terminal without NO_COLOR, or --color always). Bytes (a .docx)
    go to a file or a pipe, never a terminal."""
    from litcheck.cli.terminal import colour_wanted, output_file

    output = output or output_file()
    if isinstance(text, bytes):
        if output:
            from litcheck.editing.atomic import write_bytes_atomic

            write_bytes_atomic(output, text)
        elif sys.stdout.isatty():
            fail("this format is a binary file: write it with -o FILE")
        else:
            click.get_binary_stream("stdout").write(text)
        return
    colour = colour_wanted(to_file=bool(output))
    pieces = [text] if isinstance(text, str) else text
    if not colour:
        pieces = (click.unstyle(p) if "\x1b[" in p else p for p in pieces)
    if output:
        from litcheck.editing.atomic import write_chunks_atomic

        write_chunks_atomic(output, (p.encode("utf-8") for p in pieces))
        return
    last = ""
    for piece in pieces:
        if piece:
            click.echo(piece, nl=False, color=colour)
            last = piece
    if not last.endswith("\n"):
        click.echo("", color=colour)


def fail(message: str, code: int = 2) -> None:
    """Stop with a clear one-line message on stderr (no traceback) and a given exit status."""
    from litcheck.errors import LitcheckError

    raise LitcheckError(message, code)


def online_option(func: Callable) -> Callable:
    """Add --online and pass `fetcher`, a function returning the cached registry client built
    from the validated settings (LITCHECK_ONLINE*, LITCHECK_MAILTO, the registry addresses)."""

    @click.option("--online", is_flag=True,
                  help="Ask the registries over the network (default: answer from the local cache only).")
    @functools.wraps(func)
    def wrapper(*args: Any, online: bool, **kwargs: Any):
        import dataclasses

        from litcheck.online.fetch import Fetcher
        from litcheck.settings import current

        settings = current().online
        if online:
            settings = dataclasses.replace(settings, online=True)
        return func(*args, fetcher=functools.cache(lambda: Fetcher(settings)), **kwargs)

    return wrapper
