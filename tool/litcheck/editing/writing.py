"""How litcheck changes a user's files: one writer at a time, a backup first, atomic writes.

A command that writes follows one path:

    with library_lock(files):          # a second litcheck waits briefly, then gives up
        docs = load documents          # read *after* locking, so no update is lost
        ... edit ...
        commit(docs, backups=N)        # re-check the bytes on disk, back up, write atomically

The lock (`editing.locking`) is an advisory `flock` beside the files, released by the kernel
when the process dies. Several files are replaced all or nothing (`editing.transaction`), and
readers never see such a commit half done (`locking.read_consistently`).
"""

from __future__ import annotations

import functools
import sys
from datetime import datetime
from pathlib import Path

from litcheck.editing.atomic import write_bytes_atomic
from litcheck.editing.bibdoc import BibDocument, RefuseWrite
from litcheck.editing.locking import backup_folder, library_lock
from litcheck.settings import current


def backups_to_keep(given: int | None) -> int:
    """--backups N, else LITCHECK_BACKUPS, else 10; 0 turns backups off."""
    return max(0, given) if given is not None else current().backups


def backup(path: Path, keep: int, stamp: str) -> Path | None:
    """Copy `path` into .litcheck-backups/ beside it as <name>.<stamp>.bak; keep the newest
    `keep` backups of that file."""
    if keep <= 0 or not path.exists():
        return None
    folder = backup_folder(path)
    target = folder / f"{path.name}.{stamp}.bak"
    write_bytes_atomic(target, path.read_bytes())
    old = sorted(folder.glob(f"{path.name}.*.bak"))
    for stale in old[:-keep]:
        stale.unlink(missing_ok=True)
    return target


def open_documents(paths) -> list[BibDocument]:
    """Load every file of the library as an editable document (macros of earlier files visible
    in later ones, as when reading); refuse if any file could not be read completely, since
    duplicate detection and key checks need the whole library."""
    documents: list[BibDocument] = []
    for path in paths:
        doc = BibDocument.load(path, macros_of(documents))
        refuse_if_broken(doc)
        documents.append(doc)
    return documents


def macros_of(documents: list[BibDocument]) -> dict[str, str]:
    """Every @string of the documents (lower-case name -> value), first definition winning."""
    macros: dict[str, str] = {}
    for doc in documents:
        for name, value in doc.strings.items():
            macros.setdefault(name, value)
    return macros


def library_of(documents: list[BibDocument]):
    """The Library view of the documents (no notes): what duplicate and key checks consult."""
    from litcheck.library.core import build_library

    return build_library([d.parsed for d in documents], {}, [], [str(d.path) for d in documents], None)


def commit(documents: list[BibDocument], keep_backups: int) -> list[Path]:
    """Write every changed document, or none: all are checked first (unchanged on disk since
    they were read, no parse problems), then each is backed up and replaced atomically.
    Returns the backups made."""
    from litcheck.editing.transaction import ChangedOnDisk, replace_all

    changed = [d for d in documents if d.changed]
    for doc in changed:
        refuse_if_broken(doc)
        on_disk = doc.path.read_bytes() if doc.path.exists() else b""
        if on_disk != doc.data:
            raise RefuseWrite(f"{doc.path} changed on disk while litcheck was working; nothing written")
    if not changed:
        return []
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    made = [b for b in (backup(doc.path, keep_backups, stamp) for doc in changed) if b]
    try:
        replace_all([(doc.path, doc.data if doc.path.exists() else None, doc.render()) for doc in changed],
                    backup_folder(changed[0].path))
    except ChangedOnDisk as exc:
        raise RefuseWrite(f"{exc} changed on disk while litcheck was working; nothing written") from None
    return made


def refuse_if_broken(doc: BibDocument) -> None:
    """Refuse to rewrite a file litcheck could not read completely."""
    problems = doc.blocking_problems()
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise RefuseWrite(f"{first.file}:{first.line}: {first.check}: {first.message}{more}; "
                          "fix the file first: litcheck does not rewrite a library it cannot fully read")


class EditSession:
    """One command's changes to the library: lock, load, edit in memory, then commit all at
    once (or, with `dry_run`, only describe them)."""

    def __init__(self, paths, dry_run: bool = False, backups: int | None = None, new_file: str | None = None):
        self.paths = [Path(p) for p in paths]
        # A file that does not exist yet may be named as the target of new entries; it is
        # locked with the rest and created by the commit.
        self.new_file = Path(new_file) if new_file and not Path(new_file).exists() else None
        self.dry_run = dry_run
        self.keep = backups_to_keep(backups)
        self.documents: list[BibDocument] = []
        self._lock = None

    def __enter__(self) -> "EditSession":
        self._lock = library_lock(self.paths + ([self.new_file] if self.new_file else []))
        self._lock.__enter__()
        try:
            from litcheck.editing.transaction import recover

            for folder in dict.fromkeys(backup_folder(p) for p in self.paths):
                for line in recover(folder, self.paths):
                    print(f"litcheck: {line}", file=sys.stderr)
            self.documents = open_documents(self.paths)
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._lock.__exit__(*exc)

    @functools.cached_property
    def library(self):
        return library_of(self.documents)

    def library_macros(self) -> dict[str, str]:
        return macros_of(self.documents)

    def document_of(self, key: str) -> BibDocument | None:
        """The document holding the definition of `key`; refused when `key` is defined more
        than once in the library (which one would the user mean?)."""
        holders = [d for d in self.documents if key in d.spans]
        if sum(d.definitions[key] for d in holders) > 1:
            where = ", ".join(str(d.path) for d in holders)
            raise RefuseWrite(f"key '{key}' is defined more than once ({where}); "
                              "litcheck will not guess which to edit: remove or rename the others first")
        return holders[0] if holders else None

    def document(self, path: str | Path) -> BibDocument | None:
        wanted = Path(path).resolve()
        return next((d for d in self.documents if d.path.resolve() == wanted), None)

    def target_document(self, target: str | None) -> BibDocument:
        """The document new entries go to: `target`, or the library's only file."""
        files = ", ".join(str(d.path) for d in self.documents)
        if target is None:
            if len(self.documents) != 1:
                raise RefuseWrite(f"the library has several files; say which one with --to ({files})")
            return self.documents[0]
        doc = self.document(target)
        if doc is None and self.new_file and self.new_file.resolve() == Path(target).resolve():
            if self.new_file.suffix != ".bib":
                raise RefuseWrite(f"--to {target}: a new library file must end in .bib")
            doc = BibDocument.load(self.new_file)
            self.documents.append(doc)
        if doc is None:
            raise RefuseWrite(f"--to {target}: not a file of the library ({files})")
        return doc

    def diff(self) -> str:
        """A unified diff of every pending change, file by file."""
        import difflib

        out = []
        for doc in self.documents:
            if doc.changed:
                old = doc.data.decode("utf-8-sig").splitlines(keepends=True)
                new = doc.render().decode("utf-8-sig").splitlines(keepends=True)
                out.extend(difflib.unified_diff(old, new, f"{doc.path} (now)", f"{doc.path} (after)"))
        return "".join(line if line.endswith("\n") else line + "\n" for line in out)

    def commit(self) -> list[Path]:
        """Write the changes (nothing with dry_run); return the backups made."""
        if self.dry_run:
            return []
        return commit(self.documents, self.keep)

    def finish(self) -> str | None:
        """How every writing command ends: with --dry-run, the diff the commit would make
        (nothing written); else commit, and None."""
        if self.dry_run:
            return self.diff()
        self.commit()
        return None
