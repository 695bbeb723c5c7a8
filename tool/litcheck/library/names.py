"""Author lists: people versus organisations.

An organisation is written as one brace-protected unit (`{{United Nations Office on Drugs and
Crime}}` in the file, `{United ...}` once the outer delimiters are removed). It must never
be split into given and family names by any renderer, so it is kept as a `literal`.
"""

from __future__ import annotations

from dataclasses import dataclass

from litcheck.library.latex import to_text


@dataclass(frozen=True)
class Name:
    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""  # set for organisations; then the other parts are empty

    @property
    def is_organisation(self) -> bool:
        return bool(self.literal)

    @property
    def display(self) -> str:
        """`Family, Given` for people, the full name for organisations."""
        if self.literal:
            return self.literal
        family = " ".join(p for p in (self.particle, self.family) if p)
        out = f"{family}, {self.given}" if self.given else family
        return f"{out}, {self.suffix}" if self.suffix else out

    def csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        data = {"family": self.family, "given": self.given}
        if self.particle:
            data["non-dropping-particle"] = self.particle
        if self.suffix:
            data["suffix"] = self.suffix
        return {k: v for k, v in data.items() if v}


def _fully_braced(text: str) -> bool:
    """True if `text` is one `{...}` group (the whole name protected as a unit)."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and i < len(text) - 1:
            return False
    return True


def parse_names(raw: str) -> list[Name]:
    """Split a raw BibTeX name list (`A and B and {Org}`) into `Name`s."""
    if not raw or not raw.strip():
        return []
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    names = []
    for part in split_multiple_persons_names(raw):
        part = part.strip()
        if _fully_braced(part):
            names.append(Name(literal=to_text(part)))
            continue
        if part.lower() == "others":
            names.append(Name(literal="others"))
            continue
        try:
            parts = parse_single_name_into_parts(part, strict=False)
        except Exception:  # a malformed name is shown as written rather than lost
            names.append(Name(literal=to_text(part)))
            continue
        names.append(Name(
            family=to_text(" ".join(parts.last)),
            given=to_text(" ".join(parts.first)),
            particle=to_text(" ".join(parts.von)),
            suffix=to_text(" ".join(parts.jr)),
        ))
    return names
