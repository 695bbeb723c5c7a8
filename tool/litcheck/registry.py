"""Discovery for the registries (checks, scan rules): every module of a package is imported,
so a new check or rule is one new module and nothing else lists it."""

from __future__ import annotations

import importlib
import pkgutil


def import_package_modules(package: str) -> None:
    """Import every module directly inside `package` (their decorators fill its registry)."""
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        importlib.import_module(f"{package}.{info.name}")
