"""The `litcheck` command group.

Each subcommand lives in its own module under `litcheck.commands` and is imported only when
it runs, so `litcheck --help` and `--version` stay fast (no pandas, bibtexparser or pandoc).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from pathlib import Path

import click

import litcheck.commands
from litcheck import __version__


@functools.cache
def command_modules() -> dict[str, tuple[str, Path]]:
    """name -> (module, source file): the registry of commands, found in `litcheck.commands`.

    Every module there is a command (its name without a trailing `_`: `list_` is `list`), so
    adding a command is adding one file. Running one reads no other command's file."""
    found = {}
    for info in pkgutil.iter_modules(litcheck.commands.__path__):
        if not info.name.startswith("_"):
            path = Path(info.module_finder.path) / (f"{info.name}/__init__.py" if info.ispkg else f"{info.name}.py")
            found[info.name.rstrip("_")] = (f"litcheck.commands.{info.name}", path)
    return found


@functools.cache
def commands() -> dict[str, tuple[str, str]]:
    """name -> (module, one-line help): the first line of each command module's docstring is
    the help `litcheck --help` shows, read without importing the module (`--help` stays fast)."""
    return {name: (module, _synopsis(path)) for name, (module, path) in command_modules().items()}


def _synopsis(path: Path) -> str:
    """The first line of a module's docstring, read by the tokenizer (the module is not run)."""
    import ast
    import tokenize

    with tokenize.open(path) as source:
        for token in tokenize.generate_tokens(source.readline):
            if token.type == tokenize.STRING:
                return ast.literal_eval(token.string).strip().split("\n", 1)[0]
            if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE):
                break
    return ""


def _remember(name: str):
    """An option callback that keeps the value in the context for `litcheck.cli.terminal`
    (a value given after the command wins over one given before it)."""

    def store(ctx: click.Context, param: click.Parameter, value):
        if value is not None and value is not False:
            ctx.meta[name] = value
        return value

    return store


def common_options() -> list[click.Option]:
    """The options every command accepts, before or after its name."""
    from litcheck.cli.terminal import COLOR_CHOICES

    return [
        click.Option(["-q", "--quiet"], is_flag=True, default=None, expose_value=False, is_eager=True,
                     callback=_remember("litcheck.quiet"), help="No progress bars, notices or summaries; results only."),
        click.Option(["--color", "--colour"], type=click.Choice(COLOR_CHOICES, case_sensitive=False),
                     expose_value=False, is_eager=True, callback=_remember("litcheck.color"),
                     help="Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never."),
    ]


def conventional(command: click.Command) -> click.Command:
    """Give a command the conventions every command shares: -q/--quiet and --color, -o/--output
    for its results, and choices that ignore case (--style APA)."""
    if getattr(command, "_litcheck_conventional", False):
        return command
    names = {opt for p in command.params for opt in p.opts}
    for param in command.params:
        if isinstance(param.type, click.Choice):
            param.type.case_sensitive = False
        if param.name == "output" and "-o" not in names:
            param.opts.append("-o")
    if "--output" not in names:
        command.params.append(click.Option(["-o", "--output"], type=click.Path(dir_okay=False), expose_value=False,
                                           callback=_remember("litcheck.output"),
                                           help="Write the results here (atomically) instead of stdout."))
    command.params.extend(common_options())
    command._litcheck_conventional = True
    return command


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that command is invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(commands())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in command_modules():
            return None
        module = importlib.import_module(command_modules()[cmd_name][0])
        return conventional(module.command)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """An unknown command is refused with the closest names ("did you mean list?")."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in command_modules():
            import difflib

            close = difflib.get_close_matches(name.lower(), list(command_modules()), n=2, cutoff=0.6)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint} 'litcheck --help' lists the commands.")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        """Run the command with the settings read once, and turn any LitcheckError into its
        one-line message and exit status: the one place errors leave litcheck."""
        from litcheck.errors import LitcheckError
        from litcheck.settings import active, read_settings

        try:
            with active(read_settings()):
                return super().invoke(ctx)
        except LitcheckError as exc:
            click.echo(f"litcheck: {exc}", err=True)
            ctx.exit(exc.code)
        except (BrokenPipeError, KeyboardInterrupt):
            raise
        except OSError as exc:  # a full disk, a read-only folder: the write path left every file as it was
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"litcheck: {where}{exc.strerror or exc}; nothing was changed", err=True)
            ctx.exit(2)
        except RecursionError:
            click.echo("litcheck: the input is nested too deeply to read", err=True)
            ctx.exit(2)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, commands()[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, params=common_options())
@click.version_option(__version__, prog_name="litcheck")
def main() -> None:
    """litcheck: a checked citation library with notes, reading lists and a claim scanner.

    Every command reads the library from --bib (a .bib file or folder, repeatable) and
    --notes, or from LITCHECK_BIB / LITCHECK_NOTES, or else the bundled refs/ and notes/.
    add, import, tidy, tag and set change it safely: locked, backed up, written atomically,
    every untouched byte kept. Every command takes -o FILE, -q/--quiet and --color, and
    choices in any case (--style APA).

    \b
    Examples:
      litcheck check
      litcheck list --topic grooming --style apa --format md
      litcheck scan docs/examples/draft.md --format json
      litcheck import tests/data/import/library.json --to refs/academic.bib --dry-run
    """
