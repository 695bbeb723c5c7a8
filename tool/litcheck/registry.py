"""Discovery for the registries (checks, scan rules, export formats): every module of a package
is imported, so a new check, rule or format is one new module and nothing else lists it."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def import_package_modules(package: str) -> list[ModuleType]:
    """Import every module directly inside `package` (their decorators fill its registry), in
    name order."""
    return [importlib.import_module(f"{package}.{info.name}")
            for info in sorted(pkgutil.iter_modules(importlib.import_module(package).__path__), key=lambda i: i.name)]
