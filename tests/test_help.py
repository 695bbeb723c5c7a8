"""Every command documents itself with examples (`litcheck CMD --help`)."""

from __future__ import annotations

import pytest

from litcheck.cli import COMMANDS


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_examples(run_cli, name):
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and f"litcheck {name}" in result.output
