"""The scanner runs in linear time on hostile documents (issue 20, item 1).

Each adversarial shape is scanned end to end (read, sentences, notes, citations, resolution,
rules) at a size and at four times that size; the test fails when the time grows
super-linearly (more than 10x for 4x the text: linear is about 4x, quadratic 16x). Ratios, not
absolute times, so a slow machine does not fail it. The measurements run in a child process
with a time limit: a pattern that backtracks exponentially hangs inside the regex engine, where
no signal can stop it, and must fail the test rather than hang the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "scan"
SUP = "¹²³"

# name -> Python expression building a document from n (a length in characters, roughly)
SHAPES = {
    "closing parentheses": '"x" + ")" * n + "a)\\nA line of prose follows here.\\n"',
    "double quotes": '"\\"" * n + " then prose follows here.\\n"',
    "underscores": '"_" * n + " then prose follows here.\\n"',
    "superscripts after a stop": '"A sentence ends." + "¹" * n + " and more words follow.\\n"',
    "a line of blanks": '" " * n + "x\\n"',
    "full stops": '"." * n + " Next\\n"',
    "open brackets": '"[" * n + "@a\\n"',
    "open parentheses": '"(" * n + "Smith, 2019\\n"',
    "initials": '"A. " * (n // 3)',
    "repeated et al.": '"Smith et al. (2019) found that 45% rose. " * (n // 40)',
    "vague statistics lines": '"Studies show 45% rise.\\n" * (n // 23)',
    "one long line": '"word " * (n // 5) + "\\n"',
    "footnote definitions": '"Body text.[^1]\\n\\n" + "".join(f"[^{i}]: Note {i} text.\\n" for i in range(1, n // 20))',
    "superscript notes": '"Claim.¹\\n\\n" + "".join(f"¹ Smith, *Title {i}* (2019); Id. at {i}; Jones, supra note 1.\\n" for i in range(n // 60))',
    "long citation group": '"It grew (" + "; ".join(f"Okafor{i}, 2018" for i in range(n // 15)) + ").\\n"',
    "title-first parentheticals": '"It grew (A Title of " + "Many Words " * (n // 11) + ", Smith, 2019).\\n"',
    "emphasis runs": '"*" * n + " text *x* " + "_" * n + "\\n"',
    "blank lines": '"A claim.\\n" + "\\n" * n + "Another claim.\\n"',
    "reference heading run": '"Text.\\n\\nReferences\\n\\n" + "Smith, J. (2019). T. J, 1.\\n" * (n // 26)',
    "capitalised name runs": '("Alpha Police Bravo Service " * 70 + "45% rose.\\n\\n") * (n // 1900)',
    "number word runs": '("one two three four five six seven eight nine ten " * 38 + "(45%).\\n\\n") * (n // 1900)',
    "anchor-linked citations": '"It grew " + " ".join(f"[(Okafor{i} 2018)](#ref_{i % 90})" for i in range(n // 30)) + '
                               '".\\n\\n## References\\n\\n" + "".join(f"{i}. <a id=\\"ref_{i}\\"></a> Okafor{i}, A. (2018). T.\\n" '
                               'for i in range(50))',
    "ages in apposition": '"Smith, 53, and Jones, 43, " * (n // 26) + "were jailed.\\n"',
    "a title of small words": '"We read it in their paper Alpha " + "of " * (n // 3) + "Beta.\\n"',
    "an arguing note": '"A claim.[^1]\\n\\n[^1]: " + "The movement ran more than 2000 schools and more. " * (n // 50) + "\\n"',
}

SCRIPT = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    data = Path(sys.argv[1])
    scanner = Scanner(load_library([data / "lib.bib"], data / "notes", use_cache=False))
    shapes = json.loads(sys.argv[2])
    base = int(sys.argv[3])
    scanner.scan_text("Warm up (Okafor, 2018).")
    for name, expr in shapes.items():
        times = []
        for n in (base, 4 * base):
            text = eval(expr, {"n": n})
            best = None
            for _ in range(2):
                t0 = time.perf_counter()
                scanner.scan_text(text)
                dt = time.perf_counter() - t0
                best = dt if best is None else min(best, dt)
            times.append(best)
        print(json.dumps([name, times]), flush=True)
""")


@pytest.mark.slow
def test_scan_time_grows_linearly_on_adversarial_shapes():
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(DATA), json.dumps(SHAPES), "20000"],
                          capture_output=True, text=True, timeout=600)
    done = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("[")]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert [name for name, _ in done] == list(SHAPES)
    slow = {name: round(big / max(small, 0.01), 1) for name, (small, big) in done if big > 10 * max(small, 0.01)}
    assert not slow, f"super-linear growth (time ratio for 4x the text): {slow}"
