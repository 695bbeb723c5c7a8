"""Conventions every command shares: -o FILE, typo suggestions, choices in any case, --quiet,
colour (NO_COLOR, --color), progress bars only on a terminal, shell completion."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from litcheck.cli import commands, main

ROOT = Path(__file__).resolve().parent.parent
SCAN_DOC = ROOT / "tests" / "data" / "scan" / "footnoted.txt"


def test_a_mistyped_command_gets_the_closest_names(run_cli):
    result = run_cli("lsit")
    assert result.exit_code == 2 and "Did you mean list?" in result.output
    assert "Did you mean" not in run_cli("zzzzzz").output


@pytest.mark.parametrize("args", [["stats"], ["show", "unodc2020global"], ["search", "sextortion"], ["rules"],
                                  ["claims", "--status", "false"], ["scan", str(SCAN_DOC), "--format", "json"],
                                  ["check", "--format", "json"], ["list", "--keys", "unodc2020global"]])
def test_every_printing_command_writes_its_results_with_o(run_cli, tmp_path, args):
    printed = run_cli(*args)
    target = tmp_path / "out.txt"
    written = run_cli(*args, "-o", str(target))
    assert written.exit_code == printed.exit_code
    assert target.read_text() == printed.output and target.read_text()


def test_every_command_accepts_o_quiet_and_color():
    from click.testing import CliRunner

    for name in commands():
        help_text = CliRunner().invoke(main, [name, "--help"]).output
        for option in ("-o, --output", "-q, --quiet", "--color"):
            assert option in help_text, (name, option)


def test_choices_ignore_case(run_cli):
    lower = run_cli("list", "--keys", "unodc2020global", "--style", "apa", "--format", "md")
    upper = run_cli("list", "--keys", "unodc2020global", "--style", "APA", "--format", "MD")
    assert upper.exit_code == 0 and upper.output == lower.output
    assert run_cli("claims", "--status", "FALSE", "--format", "JSON").exit_code == 0


def test_quiet_drops_the_summary_but_keeps_the_results(run_cli):
    normal = run_cli("claims", "--status", "false")
    quiet = run_cli("claims", "--status", "false", "--quiet")
    assert "claims in" in normal.output and "claims in" not in quiet.output
    assert quiet.output.strip() and quiet.output.strip() in normal.output


def test_colour_follows_color_option_and_no_color(run_cli, monkeypatch):
    coloured = run_cli("scan", str(SCAN_DOC), "--color", "always")
    assert "\x1b[" in coloured.output
    assert "\x1b[" not in run_cli("scan", str(SCAN_DOC), "--color", "never").output
    assert "\x1b[" not in run_cli("scan", str(SCAN_DOC)).output  # not a terminal
    import click

    from litcheck.cli.terminal import colour_wanted

    monkeypatch.setattr(sys, "stdout", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    with click.Context(main) as ctx:
        assert colour_wanted()
        monkeypatch.setenv("NO_COLOR", "1")
        assert not colour_wanted()
        ctx.meta["litcheck.color"] = "always"
        assert colour_wanted()


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(monkeypatch):
    import click

    from litcheck.cli.terminal import progress

    items = [1, 2, 3]
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with click.Context(main):
        assert type(progress(items, "x")).__name__ == "list_iterator"  # piped: plain iteration
    monkeypatch.setattr(sys, "stderr", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    with click.Context(main) as ctx:
        assert list(progress(items, "x")) == items
        assert "tqdm" in type(progress(items, "x")).__module__ or "tqdm" in repr(progress(items, "x"))
        ctx.meta["litcheck.quiet"] = True
        assert type(progress(items, "x")).__name__ == "list_iterator"


def test_import_prints_no_progress_when_piped(tmp_path):
    lib = tmp_path / "lib.bib"
    lib.write_text("")
    proc = subprocess.run([sys.executable, "-m", "litcheck", "import", "--bib", str(lib),
                           str(ROOT / "tests" / "data" / "import" / "library.ris")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_shell_completion_completes_command_names():
    env = {**os.environ, "_LITCHECK_COMPLETE": "bash_complete", "COMP_WORDS": "litcheck li", "COMP_CWORD": "1"}
    litcheck = str(Path(sys.executable).parent / "litcheck")
    proc = subprocess.run([litcheck], env=env, capture_output=True, text=True, timeout=60)
    assert "plain,list" in proc.stdout.split()
    script = subprocess.run([litcheck], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "_LITCHECK_COMPLETE": "bash_source"})
    assert "complete -o nosort -F" in script.stdout


@pytest.mark.slow
def test_a_long_import_shows_a_progress_bar_on_a_terminal(tmp_path):
    """Run with stderr on a pseudo-terminal of 100 columns: the bar appears once the work
    passes a second (20,000 records take several)."""
    lib = tmp_path / "lib.bib"
    lib.write_text("")
    export = tmp_path / "export.bib"
    export.write_text("".join(f"@article{{w{i}, author = {{Roe, R{i}.}}, title = {{Study {i} of {i * 7919}}}, "
                              f"journal = {{J}}, year = {{{1950 + i % 70}}}}}\n" for i in range(20_000)))
    out = tmp_path / "out"
    text, _, code = _stderr_on_a_terminal(["import", "--bib", str(lib), str(export), "--dry-run", "-o", str(out)],
                                          tmp_path)
    assert code == 0
    assert "import:" in text and "%|" in text  # tqdm's bar, on stderr
    assert "20000 records:" in out.read_text()


def _stderr_on_a_terminal(args: list[str], tmp_path: Path) -> tuple[str, str, int]:
    """Run litcheck with stderr on a 100-column pseudo-terminal and stdout to a file."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    litcheck = str(Path(sys.executable).parent / "litcheck")
    out_path = tmp_path / "stdout"
    with open(out_path, "wb") as out:
        # TQDM_DELAY=0: the bar shows at once, however fast this machine parses (tqdm's own variable)
        proc = subprocess.Popen([litcheck, *args], stderr=slave, stdout=out, stdin=subprocess.DEVNULL,
                                env={**os.environ, "TQDM_DELAY": "0"})
        os.close(slave)
        shown = b""
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            shown += data
        code = proc.wait(timeout=300)
    os.close(master)
    return shown.decode("utf-8", "replace"), out_path.read_text(encoding="utf-8"), code


@pytest.mark.slow
def test_a_cold_load_shows_progress_on_stderr_only(tmp_path):
    """A cold load of a big library shows a bar on the terminal, and nothing of it reaches stdout."""
    lib = tmp_path / "big.bib"
    lib.write_text("".join(f"@article{{w{i}, author = {{Roe, R{i}.}}, title = {{Study {i} of salmon {i * 7919}}}, "
                           f"journal = {{J}}, year = {{{1950 + i % 70}}}, abstract = {{{'Words of text. ' * 40}}}}}\n"
                           for i in range(30_000)))
    err, out, code = _stderr_on_a_terminal(["search", "--bib", str(lib), "salmon", "--limit", "2"], tmp_path)
    assert code == 0
    assert "reading big.bib" in err and "%|" in err  # tqdm's bar, on the terminal
    assert "%|" not in out and "\r" not in out and "30000 matches" in out


def test_a_cold_load_reports_its_stages_and_a_warm_one_none(tmp_path):
    from litcheck.library.core import load_library

    lib = tmp_path / "lib.bib"
    lib.write_text("@misc{a, title = {A}, year = 2020}\n")
    calls = []

    def progress(items, label="", total=None):
        items = list(items)
        calls.append((label, total, items))
        return iter(items)

    assert len(load_library([lib], None, progress=progress)) == 1
    assert calls == [("reading lib.bib", 2, ["parse", "index", "done"])]
    calls.clear()
    assert len(load_library([lib], None, progress=progress)) == 1  # the index answers: nothing to show
    assert calls == []


def test_a_new_command_is_one_module_in_commands(run_cli, monkeypatch, tmp_path):
    """Dropping a module into litcheck.commands makes a command: listed by `litcheck --help`
    with its docstring's first line (read without importing it), run by name, and given the
    options every command shares."""
    import sys

    import litcheck.commands
    from litcheck.cli import command_modules, commands

    (tmp_path / "greet_.py").write_text(
        '"""Greet someone (a command added as one file).\n\nMore words the help does not show."""\n'
        "import click\n\n\n"
        "@click.command('greet')\n@click.argument('who')\n"
        "def command(who):\n    \"\"\"Say hello to WHO.\"\"\"\n    click.echo(f'hello {who}')\n")
    monkeypatch.setattr(litcheck.commands, "__path__", [*litcheck.commands.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "litcheck.commands.greet_", raising=False)
    commands.cache_clear()
    command_modules.cache_clear()
    try:
        listing = run_cli("--help").output
        assert "greet    Greet someone (a command added as one file)." in listing
        assert "litcheck.commands.greet_" not in sys.modules  # --help read it without importing it
        assert run_cli("greet", "you").output == "hello you\n"
        assert all(opt in run_cli("greet", "--help").output for opt in ("-o, --output", "-q, --quiet", "--color"))
        assert "Did you mean greet?" in run_cli("gret").output
    finally:
        sys.modules.pop("litcheck.commands.greet_", None)
        commands.cache_clear()
        command_modules.cache_clear()


def test_every_command_module_gives_a_one_line_help():
    from litcheck.cli import commands

    assert {"list", "import", "set", "scan", "check"} <= set(commands())  # `list_` is `list`
    for name, (module, summary) in commands().items():
        assert summary and summary.endswith(".") and "\n" not in summary, (name, summary)


def test_the_first_search_reports_building_its_index(tmp_path):
    from litcheck.library.core import load_library
    from litcheck.listing.search import search_page

    lib = tmp_path / "lib.bib"
    lib.write_text("@misc{a, title = {Salmon runs}, year = 2020}\n@misc{b, title = {Trout}, year = 2021}\n")
    library = load_library([lib], None)
    labels = []

    def progress(items, label="", total=None):
        labels.append((label, total))
        return iter(items)

    assert [h.key for h in search_page(library, "salmon", None, progress)[0]] == ["a"]
    assert labels == [("indexing for search", 2)]
    labels.clear()
    assert search_page(library, "trout", None, progress)[1] == 1 and labels == []  # built once
