"""Bounded YAML: the one loader for every YAML file a user can hand litcheck (notes' front
matter, saved reading lists, data files).

`yaml.safe_load` refuses `!!python` tags but not memory bombs: 435 bytes of nested anchors
("billion laughs") expand to 10^9 values once a consumer walks them, and deep nesting makes
PyYAML recurse until the interpreter stops. Here the depth is checked before parsing and the
node graph (aliases included) is measured before it is turned into Python values.
"""

from __future__ import annotations

import re

MAX_YAML_DEPTH = 50  # notes and lists nest a few levels (claims: - evidence: ...); more is damage
MAX_YAML_EXPANDED = 100_000  # values once aliases are expanded (a "billion laughs" makes 10^9)


def _check_node_graph(node) -> None:
    """Refuse a node graph that every consumer of `meta` would choke on: a recursive alias
    (`x: &a {y: *a}`), nesting deeper than MAX_YAML_DEPTH, or aliases that expand to more
    than MAX_YAML_EXPANDED values. Iterative, so a 10,000-deep document cannot overflow it."""
    import yaml

    sizes: dict[int, int] = {}  # id(node) -> expanded size, once finished
    on_path: set[int] = set()
    stack = [(node, False, 1)]
    while stack:
        current, done, depth = stack.pop()
        key = id(current)
        if isinstance(current, yaml.ScalarNode):
            sizes[key] = 1
            continue
        children = ([n for pair in current.value for n in pair] if isinstance(current, yaml.MappingNode)
                    else list(current.value))
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(c)] for c in children)
            if total > MAX_YAML_EXPANDED:
                raise _located(yaml.YAMLError(f"aliases expand to more than {MAX_YAML_EXPANDED:,} values"), current)
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _located(yaml.YAMLError("an alias refers to a value that contains it (recursive YAML)"), current)
        if depth > MAX_YAML_DEPTH:
            raise _located(yaml.YAMLError(f"values nested more than {MAX_YAML_DEPTH} levels deep"), current)
        on_path.add(key)
        stack.append((current, True, depth))
        stack.extend((c, False, depth + 1) for c in children if id(c) not in sizes)


def _located(exc, node):
    exc.problem_mark = node.start_mark
    exc.problem = exc.args[0]
    return exc


_FLOW_TOKEN = re.compile(r"""[\[\]{}]|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\n]|'')*'?|(?:^|(?<=\s))#.*""")
_BLOCK_INDICATORS = re.compile(r"(?:[-?:](?: +|$))*")


def _check_nesting(raw: str) -> None:
    """Refuse YAML nested deeper than MAX_YAML_DEPTH before PyYAML sees it.

    Written by hand because the limit and its message must be litcheck's own: libyaml stops
    at its own depth with its own wording (PyYAML >= 6.0.4) and the pure-Python parser slows
    down quadratically on deep flow collections. One linear pass over the lines: block depth
    from the stack of indentation levels plus compact `- - x` indicators, flow depth from
    brackets outside quoted scalars and comments."""
    import yaml

    indents: list[int] = []
    flow = 0
    for number, line in enumerate(raw.split("\n")):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = flow
        if flow == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            depth = len(indents) + len(_BLOCK_INDICATORS.match(stripped).group().split())
        for token in _FLOW_TOKEN.finditer(line):
            if token.group() in "[{":
                flow += 1
            elif token.group() in "]}":
                flow = max(0, flow - 1)
            depth = max(depth, len(indents) + flow)
        if depth > MAX_YAML_DEPTH:
            exc = yaml.YAMLError(f"values nested more than {MAX_YAML_DEPTH} levels deep")
            exc.problem_mark = yaml.Mark("<yaml>", 0, number, 0, None, None)
            exc.problem = exc.args[0]
            raise exc


def load_yaml_tree(raw: str):
    """Parse YAML with the bounds above; also return the node tree, so values can be given
    their file lines. Raises yaml.YAMLError (with a `problem_mark` where known)."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _check_nesting(raw)
    loader = loader_class(raw)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_node_graph(node)
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def load_yaml(raw: str):
    """The Python value of a YAML text, within the bounds above."""
    return load_yaml_tree(raw)[0]


def yaml_problem(exc, raw: str) -> tuple[int | None, str]:
    """(0-based line within `raw` or None when unknown, reason) of a YAML error, for a message
    naming file and line."""
    import yaml

    mark = getattr(exc, "problem_mark", None)
    line = mark.line if mark is not None else None
    reason = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yaml.reader.ReaderError):  # a control character: no mark, a position
        line = raw.count("\n", 0, exc.position)
        reason = f"unacceptable character #x{exc.character:04x}: {exc.reason}"
    return line, reason
