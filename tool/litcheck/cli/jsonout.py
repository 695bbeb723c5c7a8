"""The one JSON layout every command prints: UTF-8 text kept readable, indented, newline-ended."""

from __future__ import annotations

import json
from typing import Any, Callable


def dump_json(data: Any, default: Callable | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"
