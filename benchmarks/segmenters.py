"""Compare sentence segmenters on passages typical of citation-heavy prose, and their speed.

    python benchmarks/segmenters.py

Each case is a passage and its sentences (hand-split). A segmenter scores a case when it returns
exactly those sentences (whitespace-trimmed). Speed is measured on ~1 MB of text made by repeating
the cases. Written for litcheck; the passages are our own.
"""

from __future__ import annotations

import time

CASES = [
    ["The U.S. government acted in 2018.", "Platforms reacted within weeks."],
    ["Officials in the U.S. said so.", "The FBI agreed."],
    ["Tools such as Tor, e.g. the browser, hide users.", "Police adapt."],
    ["Several apps (i.e. messaging apps) are used.", "Some are encrypted."],
    ["See General Recommendation No. 38 on trafficking.", "It was adopted in 2020."],
    ["Under art. 34 of the Convention, states must act.", "Most have done so."],
    ["The figure rose to 2.7 million in 2023.", "It fell later."],
    ["J. R. Smith described the method.", "Others followed."],
    ["Smith et al. (2018) found the same pattern.", "Nobody disputed it."],
    ["As shown by Smith et al. the trend holds.", "It is stable."],
    ["Victims were groomed for weeks.¹⁴ Offenders then moved the chat.", ],
    ["She holds an LL.M. from Delhi.", "Her thesis was cited."],
    ["Payment rose by 3.5% per year.", "Fees also rose."],
    ["Read the report, pp. 12–14.", "It explains the method."],
    ["He said: “This is new.” Others disagreed."],
    ["Markets closed (see fig. 2).", "Vendors moved."],
    ["The case was Smith v. Jones.", "It was appealed."],
    ["Prices fell... But volumes rose."],
    ["Groomers target minors.[^3] Platforms respond slowly."],
    ["Is this new?", "Not really."],
    ["The Act (No. 29) applies.", "So does the protocol."],
    ["Dr. Osei led the study.", "Prof. Lindqvist reviewed it."],
    ["It happened at 5 p.m. on Friday.", "Nobody noticed."],
    ["Europol's IOCTA, vol. 3, covers it.", "So does the annex."],
    ["Prices in the U.K. rose.", "In the U.S. they fell."],
    ["The share was 65 per cent.", "That is high."],
    ["This continued until Jan. 2020.", "Then it stopped."],
    ["Sales reached $1.2 billion.", "Most were in bitcoin."],
    ["It was founded by W. E. B. Du Bois.", "That is a fact."],
    ["The budget is approx. 5 million.", "It may grow."],
]
CASES = [c if len(c) > 1 or "¹⁴ " not in c[0] else ["Victims were groomed for weeks.¹⁴", "Offenders then moved the chat."] for c in CASES]
CASES = [["Groomers target minors.[^3]", "Platforms respond slowly."] if c == ["Groomers target minors.[^3] Platforms respond slowly."] else c for c in CASES]
CASES = [["He said: “This is new.”", "Others disagreed."] if c == ["He said: “This is new.” Others disagreed."] else c for c in CASES]
CASES = [["Prices fell...", "But volumes rose."] if c == ["Prices fell... But volumes rose."] else c for c in CASES]


def ours(text: str) -> list[str]:
    from litcheck.scan.document.sentences import split_sentences

    return [text[s:e] for s, e in split_sentences(text)]


def pysbd_segmenter():
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [s.sent.strip() for s in seg.segment(text)]


def syntok_segmenter():
    from syntok import segmenter

    def run(text):
        out = []
        for para in segmenter.analyze(text):
            for sent in para:
                out.append("".join(t.spacing + t.value for t in sent).strip())
        return out

    return run


def measure(name, fn):
    ok = sum(1 for case in CASES if [s.strip() for s in fn(" ".join(case))] == case)
    paragraph = " ".join(" ".join(c) for c in CASES)
    n_par = max(1, 200_000 // len(paragraph))
    start = time.perf_counter()
    n = 0
    for _ in range(n_par):
        n += len(fn(paragraph))
    elapsed = time.perf_counter() - start
    print(f"{name:<8} exact {ok:>2}/{len(CASES)}   {n / elapsed:,.0f} sentences/s ({n_par * len(paragraph) / 1e6:.2f} MB in {elapsed:.2f} s)")


if __name__ == "__main__":
    measure("litcheck", ours)
    try:
        measure("pysbd", pysbd_segmenter())
    except ImportError:
        print("pysbd    not installed")
    try:
        measure("syntok", syntok_segmenter())
    except ImportError:
        print("syntok   not installed")
