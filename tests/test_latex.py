"""Display decoding of raw BibTeX values: the fast path must agree with TeX's meaning."""

import pytest

from litcheck.library.latex import to_text


@pytest.mark.parametrize("raw, shown", [
    (r"M{\"u}ller", "Müller"),
    (r"M\"uller", "Müller"),
    (r"Garc{\'\i}a", "García"),
    (r"\c{C}akan and Kele{\c s}", "Çakan and Keleş"),
    (r"Asl\i{} and Bulutay", "Aslı and Bulutay"),
    (r"Stra{\ss}e", "Straße"),
    (r"{\AA}ngstr{\"o}m", "Ångström"),
    (r"Fish \& Chips 50\%", "Fish & Chips 50%"),
    (r"An \emph{Artemia} diet", "An Artemia diet"),
    (r"protein\slash carbohydrate", "protein/carbohydrate"),
    (r"A {LaTeX} title -- with ``quotes''", "A LaTeX title – with “quotes”"),
    (r"{{United Nations Office on Drugs and Crime}}", "United Nations Office on Drugs and Crime"),
    (r"Escaped \{braces\}", "Escaped {braces}"),
    (r"$\alpha$-Tocopherol", "α-Tocopherol"),  # math goes to pylatexenc
])
def test_to_text(raw, shown):
    assert to_text(raw) == shown
