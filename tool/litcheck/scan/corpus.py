"""Scanning many documents: a pure map of `scan_one` over the inputs, run in this process,
in a pool of local processes (--jobs), or on a Dask cluster (--engine dask).

Every engine yields outcomes in input order, so reports and exit status do not depend on the
engine or on the number of workers. A document that cannot be read is a `Failure` (its message
names it), never the end of the run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ENGINES = ("local", "dask")


@dataclass
class Failure:
    path: str
    message: str

    def as_dict(self) -> dict:
        return {"path": self.path, "error": self.message}


def expand(arguments) -> list[str]:
    """Files, folders (walked for files of a registered input type; hidden folders and
    litcheck's own sidecar files skipped) and URLs, in a stable order without repeats."""
    from litcheck.scan.inputs import BY_SUFFIX, is_url

    out: list[str] = []
    for argument in arguments:
        if not is_url(argument) and Path(argument).is_dir():
            found = []
            for folder, dirs, files in os.walk(argument):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(os.path.join(folder, f) for f in files
                             if Path(f).suffix.lower() in BY_SUFFIX and not f.startswith("."))
            out.extend(sorted(found))
        else:
            out.append(argument)
    return list(dict.fromkeys(out))


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def scan_one(scanner, argument: str, online: bool = False, timeout: float | None = None):
    """The ScanResult for one document, or a Failure saying why it cannot be read or was not
    scanned within `timeout` seconds (None or 0: no limit). No network for the registry
    look-ups of `scan --online` ends the run: every other document would fail the same way."""
    from litcheck.errors import LitcheckError
    from litcheck.online.fetch import Unreachable
    from litcheck.scan.inputs import load
    from litcheck.scan.pipeline import Deadline

    try:
        doc = load(argument, online=online)
        return scanner.scan_document(doc, Deadline(timeout, doc.path))
    except Unreachable:
        raise
    except LitcheckError as exc:
        return Failure(argument, str(exc))
    except (RecursionError, MemoryError) as exc:
        return Failure(argument, f"{argument}: too complex to read ({type(exc).__name__})")


_SCANNER = None  # the scanner a forked worker inherits from its parent


def _scan_inherited(task):
    return scan_one(_SCANNER, *task)


def run(arguments, scanner, jobs: int | None = None, engine: str = "local", scheduler: str | None = None,
        online: bool = False, recipe: ScannerRecipe | None = None, timeout: float | None = None) -> Iterator:
    """Yield one outcome (ScanResult or Failure) per argument, in order. The Dask engine
    needs the `recipe` its workers build the same scanner from."""
    jobs = jobs or default_jobs()
    if engine == "dask":
        yield from _run_dask(arguments, recipe, jobs, scheduler, online, timeout)
    elif jobs == 1 or len(arguments) < 2:
        for argument in arguments:
            yield scan_one(scanner, argument, online, timeout)
    else:
        yield from _run_processes(arguments, scanner, jobs, online, timeout)


def _run_processes(arguments, scanner, jobs, online, timeout):
    """A fork pool: the workers inherit the loaded library and index instead of loading them
    again (fork is the default start method on Linux; elsewhere fall back to one process)."""
    import multiprocessing

    global _SCANNER
    if "fork" not in multiprocessing.get_all_start_methods():
        for argument in arguments:
            yield scan_one(scanner, argument, online, timeout)
        return
    _SCANNER = scanner
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(arguments))) as pool:
            yield from pool.imap(_scan_inherited, [(a, online, timeout) for a in arguments], chunksize=1)
    finally:
        _SCANNER = None


@dataclass(frozen=True)
class ScannerRecipe:
    """How a Dask worker builds the scanner itself: the library is read through its (lazy,
    memory-mapped) index, which cannot travel between processes, so the loader travels instead.
    `load_library` is the zero-argument loader of the command's --bib/--notes options, so
    workers need those paths and the documents on a filesystem they share with the client."""

    load_library: object
    rule_ids: tuple[str, ...]
    token: str
    registry: object = None  # scan --online: the RegistryCheck (each worker builds its own client from it)

    def build(self):
        from litcheck.scan.pipeline import Scanner
        from litcheck.scan.rules import all_rules

        scanner = _WORKER_SCANNERS.get(self.token)
        if scanner is None:
            rules = all_rules()
            scanner = Scanner(self.load_library(), [rules[r] for r in self.rule_ids], registry=self.registry)
            _WORKER_SCANNERS[self.token] = scanner
        return scanner


_WORKER_SCANNERS: dict[str, object] = {}  # in a Dask worker: token -> its scanner


def _scan_on_worker(argument: str, recipe: ScannerRecipe, online: bool, timeout: float | None):
    return scan_one(recipe.build(), argument, online, timeout)


def _run_dask(arguments, recipe, jobs, scheduler, online, timeout):
    from litcheck.errors import LitcheckError

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise LitcheckError("--engine dask needs Dask: pip install 'litcheck[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise LitcheckError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        futures = client.map(_scan_on_worker, arguments, recipe=recipe, online=online, timeout=timeout, pure=False)
        for future in futures:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
