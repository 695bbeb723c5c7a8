"""A small library for the reading-list tests: every case the renderers must get right.

Written to tmp_path by `make_library`; it does not depend on the bundled refs/ (which grows
while the library is being researched).
"""

from __future__ import annotations

from pathlib import Path

BIB = r"""
@techreport{unodc2020global,
  author       = {{United Nations Office on Drugs and Crime}},
  title        = {Global Report on Trafficking in Persons 2020},
  institution  = {United Nations Office on Drugs and Crime},
  address      = {Vienna},
  year         = {2020},
  isbn         = {978-92-1-130411-4},
  note         = {Curators' remark: figures checked against the PDF, not for export.},
  url          = {https://www.unodc.org/unodc/data-and-analysis/glotip.html},
  keywords     = {statistics, sex-trafficking},
  sourcekind   = {official-report},
  verification = {confirmed}
}

@techreport{unodc2020darknet,
  author       = {{United Nations Office on Drugs and Crime}},
  title        = {Darknet Cybercrime Threats to Southeast Asia},
  institution  = {United Nations Office on Drugs and Crime},
  year         = {2020},
  keywords     = {dark-web, cryptocurrency},
  sourcekind   = {official-report},
  verification = {partly}
}

@misc{usc2018fosta,
  title        = {Allow States and Victims to Fight Online Sex Trafficking Act of 2017},
  howpublished = {Pub. L. No. 115-164, 132 Stat. 1253},
  year         = {2018},
  date         = {2018-04-11},
  keywords     = {legislation, platform-regulation},
  sourcekind   = {law},
  verification = {confirmed},
  discrepancy  = {One article gives 2017, the year the bill was introduced.}
}

@misc{unga2000protocol,
  author       = {{United Nations General Assembly}},
  title        = {Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children},
  howpublished = {Adopted by General Assembly resolution 55/25; 2237 UNTS 319; entered into force 25 December 2003},
  year         = {2000},
  date         = {2000-11-15},
  keywords     = {legislation, sex-trafficking},
  sourcekind   = {treaty},
  verification = {confirmed},
  nocheck      = {near-duplicate:unga2000convention}
}

@misc{europol2021page,
  author       = {{Europol}},
  title        = {Child Sexual Exploitation},
  howpublished = {Europol website},
  year         = {2021},
  url          = {https://www.europol.europa.eu/crime-areas/child-sexual-exploitation},
  urldate      = {2024-05-01},
  keywords     = {csam, law-enforcement},
  sourcekind   = {web-article},
  verification = {confirmed}
}

@article{smith2019script,
  author       = {Smith, Jane and M{\"u}ller, J{\"o}rg},
  title        = {Grooming on <script>alert(1)</script> Platforms},
  journal      = {Journal of Online Safety},
  volume       = {4},
  number       = {2},
  pages        = {10--25},
  year         = {2019},
  keywords     = {grooming, social-media},
  sourcekind   = {peer-reviewed},
  verification = {unconfirmed}
}

@book{doe2022formula,
  author       = {Doe, John},
  title        = {=HYPERLINK("http://evil.example","click") and Other Risks},
  publisher    = {Example Press},
  address      = {London},
  year         = {2022},
  keywords     = {recruitment},
  sourcekind   = {book},
  verification = {partly}
}
"""

NOTES = {
    "unodc2020global": """---
key: unodc2020global
topics: [statistics, sex-trafficking]
kind: official-report
status: confirmed
---
## What it is
The sixth biennial UNODC report on detected trafficking victims, covering 148 countries; read
it with *Darknet Cybercrime Threats* [@unodc2020darknet, p. 4].

## Key findings
- About 50,000 detected victims in 2018 [@unodc2020global, p. 31].
""",
    "smith2019script": """---
key: smith2019script
---
## What it is
A study whose title contains <b>markup</b> & an ampersand.
""",
}

KEYS = ["unodc2020global", "unodc2020darknet", "usc2018fosta", "unga2000protocol",
        "europol2021page", "smith2019script", "doe2022formula"]


def make_library(tmp_path: Path) -> tuple[Path, Path]:
    """Write the library and its notes under tmp_path; return (bib file, notes folder)."""
    bib = tmp_path / "lib.bib"
    bib.write_text(BIB, encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir(exist_ok=True)
    for key, text in NOTES.items():
        (notes / f"{key}.md").write_text(text, encoding="utf-8")
    return bib, notes


def load(tmp_path: Path):
    from litcheck.library.core import load_library

    bib, notes = make_library(tmp_path)
    return load_library([bib], notes, use_cache=False)
