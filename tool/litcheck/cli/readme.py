"""The README's lists of checks and scan rules, generated from their registries.

The README holds each list between `<!-- generated: NAME -->` and `<!-- end: NAME -->`; this
module rewrites what stands between them, and a test fails when the README differs from what
the registries say. After adding or changing a check or a rule, run from the checkout:

    python -m litcheck.cli.readme          # rewrites README.md in place
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(?:\s+(?=[A-Z])|$)", " ".join(text.split()))
    return match.group(1) if match else text


def generated_lists() -> dict[str, str]:
    """NAME -> the Markdown list the README shows between that NAME's markers."""
    from litcheck.checks import describe_checks
    from litcheck.scan.rules import all_rules

    rules = "".join(f"- `{r.id}` ({r.severity}): {_first_sentence(r.description)}\n" for r in all_rules().values())
    return {"checks": describe_checks("md"), "rules": rules}


def update(readme: str) -> str:
    """`readme` with every generated list replaced by the registries' current one."""
    for name, text in generated_lists().items():
        pattern = re.compile(rf"(<!-- generated: {name} [^\n]*-->\n).*?(<!-- end: {name} -->)", re.S)
        if not pattern.search(readme):
            raise ValueError(f"README has no <!-- generated: {name} --> ... <!-- end: {name} --> markers")
        readme = pattern.sub(lambda m: m.group(1) + text + m.group(2), readme)
    return readme


def main(path: str = "README.md") -> None:
    from litcheck.editing.atomic import write_text_atomic

    readme = Path(path)
    before = readme.read_text(encoding="utf-8")
    after = update(before)
    if after != before:
        write_text_atomic(readme, after)
    print(f"{path}: {'updated' if after != before else 'up to date'}")


if __name__ == "__main__":
    main(*sys.argv[1:])
