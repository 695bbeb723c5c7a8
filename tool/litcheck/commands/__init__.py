"""One module per CLI command, found by `litcheck.cli.commands()`: each exposes `command` (a
click command) and opens with a docstring whose first line is the help `litcheck --help` shows.
A module whose name starts with `_` is a helper, not a command. Import heavy libraries inside
the command function, not at the top of the module."""
