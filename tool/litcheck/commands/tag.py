"""Add or remove topics in entries' keywords.

`litcheck tag KEY... --add/--remove TOPIC`: edit the topics (keywords) of entries."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, fail, write_options


@click.command("tag")
@write_options
@click.argument("keys", nargs=-1, required=True, metavar="KEY...")
@click.option("--add", "add", multiple=True, metavar="TOPIC", help="Topic to add (repeatable).")
@click.option("--remove", "remove", multiple=True, metavar="TOPIC", help="Topic to remove (repeatable).")
def command(session, keys, add, remove):
    """Add or remove topics in the keywords of one or more entries.

    In a library that follows litcheck's conventions, topics must come from the controlled
    vocabulary (see `litcheck stats` or tool/litcheck/data/vocabulary.yaml); an unknown topic
    is refused with the closest ones. Only the keywords value changes.

    \b
    Examples:
      litcheck tag unodc2020global --add recruitment
      litcheck tag ecpat2021online iwf2021annual --add csam --remove statistics
    """
    from rapidfuzz import process

    from litcheck.editing.entryedit import retag
    from litcheck.library.vocabulary import load_vocabulary

    add = [t.strip().lower() for t in add if t.strip()]
    remove = [t.strip().lower() for t in remove if t.strip()]
    if not add and not remove:
        fail("give --add TOPIC or --remove TOPIC")
    with session() as edit:
        topics = load_vocabulary().topics
        for topic in add:
            if edit.library.uses_house_fields and topic not in topics:
                close = [m[0] for m in process.extract(topic, list(topics), limit=3)]
                fail(f"{topic!r} is not in the topic vocabulary; closest: {', '.join(close)}")
        changed = []
        for key in dict.fromkeys(keys):
            doc = edit.document_of(key)
            if doc is None:
                fail(f"no entry with key {key!r}")
            raw = doc.entry_text(key)
            new = retag(raw, key, add, remove)
            if new != raw:
                doc.replace_entry(key, new)
                changed.append(key)
        diff = edit.finish()
    emit((diff if diff is not None else "".join(f"{key}: keywords updated\n" for key in changed))
         or "nothing to change\n")
