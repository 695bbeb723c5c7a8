"""`scan --review`: go through a document's flags and record each decision in its sidecar
file, so nobody computes sentence hashes by hand."""

from __future__ import annotations

import click

from litcheck.scan.suppress import Suppression, sentence_hash, write_sidecar

CHOICES = {"r": "reviewed", "w": "wrong", "s": None, "q": "quit"}


def review_flags(results) -> None:
    from litcheck.scan.inputs import is_url

    for result in results:
        if is_url(result.path) or not result.flags:
            continue
        entries, stop = [], False
        click.echo(f"{result.path}: {len(result.flags)} flags to review")
        for flag in result.flags:
            click.echo(f"\nline {flag.line}: {' '.join(flag.sentence.split())}")
            click.echo(f"  {flag.severity} {flag.rule}: {flag.message}")
            answer = click.prompt("  [r]eviewed, [w]rong, [s]kip, [q]uit", type=click.Choice(list(CHOICES)),
                                  default="s", show_choices=False)
            if CHOICES[answer] == "quit":
                stop = True
                break
            if CHOICES[answer]:
                note = click.prompt("  note (optional)", default="", show_default=False)
                entries.append(Suppression(flag.rule, sentence_hash(flag.sentence), CHOICES[answer], note.strip(),
                                           flag.sentence))
        if entries:
            path = write_sidecar(result.path, entries)
            click.echo(f"{len(entries)} decisions written to {path}")
        if stop:
            return
