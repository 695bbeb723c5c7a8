"""The `litcheck` command group.

Each subcommand lives in its own module under `litcheck.commands` and is imported only when
it runs, so `litcheck --help` and `--version` stay fast (no pandas, bibtexparser or pandoc).
"""

from __future__ import annotations

import importlib

import click

from litcheck import __version__

# name -> (module, one-line help shown by `litcheck --help` without importing the module)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("litcheck.commands.check", "Check the library (and notes) for integrity problems."),
    "stats": ("litcheck.commands.stats", "Summarise the library: counts by kind, state, topic, body."),
    "list": ("litcheck.commands.list_", "Select entries and render a reading list or export."),
    "show": ("litcheck.commands.show", "Show one entry with its note, what cites it and related works."),
    "search": ("litcheck.commands.search", "Ranked full-text search over entries and notes."),
    "note": ("litcheck.commands.note", "Create note skeletons for entries."),
    "claims": ("litcheck.commands.claims", "The verification worklist from the articles' claims registers."),
    "figures": ("litcheck.commands.figures", "The key figures the notes record (value, measure, period, locator)."),
    "scan": ("litcheck.commands.scan", "Scan documents for claims that need verification."),
    "rules": ("litcheck.commands.rules", "Document the scanner's rules with examples."),
    "add": ("litcheck.commands.add", "Add entries from BibTeX text, refusing duplicates."),
    "import": ("litcheck.commands.import_", "Merge a BibTeX, RIS or CSL-JSON export into the library."),
    "tidy": ("litcheck.commands.tidy", "Normalise the layout of entries (--check for CI, --diff)."),
    "tag": ("litcheck.commands.tag", "Add or remove topics in entries' keywords."),
    "set": ("litcheck.commands.set_", "Set or remove one field of one entry."),
    "cache": ("litcheck.commands.cache", "Inspect or clear the cached library index."),
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that command is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="litcheck")
def main() -> None:
    """litcheck: a checked citation library with notes, reading lists and a claim scanner.

    Every command reads the library from --bib (a .bib file or folder, repeatable) and
    --notes, or from LITCHECK_BIB / LITCHECK_NOTES, or else the bundled refs/ and notes/.
    add, import, tidy, tag and set change it safely: locked, backed up, written atomically,
    every untouched byte kept.

    \b
    Examples:
      litcheck check
      litcheck list --topic grooming --style apa --format md
      litcheck scan article.txt --format json
      litcheck import zotero-export.json --to refs/academic.bib --dry-run
    """
