"""The controlled vocabulary (topics, source kinds, verification states, organisations)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from litcheck.library.paths import DATA_DIR


@dataclass(frozen=True)
class Organisation:
    name: str
    short: str
    variants: tuple[str, ...]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that names the organisation: canonical name, short name, variants."""
        return (self.name, self.short, *self.variants)


@dataclass(frozen=True)
class Vocabulary:
    topics: dict[str, str]
    kinds: dict[str, str]
    states: dict[str, str]
    organisations: tuple[Organisation, ...]

    def canonical_org(self, text: str) -> Organisation | None:
        """The organisation whose canonical name, short name or variant is `text` (any case)."""
        wanted = " ".join(text.split()).casefold()
        for org in self.organisations:
            if wanted in {form.casefold() for form in org.forms}:
                return org
        return None

    def short_name(self, text: str) -> str:
        org = self.canonical_org(text)
        return org.short if org else text


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    from litcheck.library.safe_yaml import load_yaml

    data = load_yaml((path or DATA_DIR / "vocabulary.yaml").read_text(encoding="utf-8"))
    orgs = tuple(Organisation(o["name"], o.get("short", o["name"]), tuple(o.get("variants") or ()))
                 for o in data.get("organisations", []))
    return Vocabulary(dict(data["topics"]), dict(data["kinds"]), dict(data["states"]), orgs)


def known_topic(topic: str) -> str:
    """`topic` as the vocabulary spells it (any case and spacing accepted); a topic outside
    the vocabulary is refused with the list of topics."""
    from litcheck.errors import LitcheckError

    topics = load_vocabulary().topics
    wanted = topic.strip().lower()
    if wanted not in topics:
        raise LitcheckError(f"unknown topic {topic!r}; use one of: {', '.join(topics)}")
    return wanted
