"""Print a pip constraints file that pins every dependency (and the test extra) to the lowest
version pyproject.toml allows, so CI can prove the declared lower bounds really work."""
import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text())["project"]
extras = project["optional-dependencies"]
requirements = project["dependencies"] + extras["test"]
for requirement in extras["test"]:  # extras the test extra pulls in, e.g. "litcheck[dask]"
    nested = re.match(r"\s*litcheck\[([^\]]+)\]", requirement)
    if nested:
        requirements += [r for group in nested.group(1).split(",") for r in extras[group.strip()]]
for requirement in requirements:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*.*?>=\s*([^,;\s]+)", requirement)
    if match:
        print(f"{match.group(1)}=={match.group(2)}")
