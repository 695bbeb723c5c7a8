"""One module per CLI command (each exposes `command`); see litcheck.cli.COMMANDS."""
