"""List filters read the library's columns (the index's binary columns when the library is read
through it): the selection is the same as testing every entry, warm or parsed afresh."""

from __future__ import annotations

import pytest

from litcheck.library.core import load_library
from litcheck.listing.select import Filters, SelectionError, select, validate

BIB = """
@techreport{a2019, title = {Alpha}, keywords = {Grooming; Sextortion}, sourcekind = { NGO-Report }, year = {2019},
  verification = {confirmed}}
@article{b2021, title = {Beta}, keywords = {sextortion}, sourcekind = {peer-reviewed}, date = {2021-03-04},
  verification = {partly}}
@misc{c, title = {Gamma}, keywords = {csam, grooming}, year = {n.d.}}
@book{d2010, title = {Delta}, year = {circa 2010}, verification = {Unconfirmed}}
@misc{e2024, title = {Epsilon}, sourcekind = {news}, year = {2024}, keywords = {}}
"""

CASES = [
    Filters(topics=["grooming"]),
    Filters(topics=["SEXTORTION", "csam"]),
    Filters(kinds=["ngo-report", "news"]),
    Filters(states=["unconfirmed"]),
    Filters(since=2015),
    Filters(until=2019),
    Filters(since=2011, until=2021),
    Filters(topics=["grooming"], since=2000),
    Filters(keys=["e2024", "a2019", "zz"], kinds=["news"]),
    Filters(text="beta", topics=["sextortion"]),
    Filters(),
]


def by_hand(library, f: Filters) -> list[str]:
    """The rule each filter states, applied to every entry."""
    keys = [k for k in dict.fromkeys(f.keys) if library.get(k)] if f.keys else [e.key for e in library]
    out = []
    for key in keys:
        e = library.get(key)
        if f.topics and not {t.lower() for t in f.topics} & set(e.keywords):
            continue
        if f.kinds and e.kind not in {k.lower() for k in f.kinds}:
            continue
        if f.states and e.status not in {s.lower() for s in f.states}:
            continue
        if f.since is not None and (e.year is None or e.year < f.since):
            continue
        if f.until is not None and (e.year is None or e.year > f.until):
            continue
        if f.text and f.text.lower() not in e.title.lower():
            continue
        out.append(key)
    return out


@pytest.fixture
def bib(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


@pytest.mark.parametrize("filters", CASES, ids=range(len(CASES)))
def test_column_filters_select_what_each_entry_says(bib, filters):
    fresh = load_library([bib], None, use_cache=False)
    load_library([bib], None)  # writes the index
    warm = load_library([bib], None)
    expected = by_hand(fresh, filters)
    assert [e.key for e in select(fresh, filters)[0]] == expected
    assert [e.key for e in select(warm, filters)[0]] == expected
    made = len(warm.entries) - warm.entries._pending
    if not filters.text:  # (the first --text builds the full-text index from every entry)
        assert made <= max(len(expected), len(filters.keys))  # only the entries that pass are made
    assert select(warm, filters)[0] == select(fresh, filters)[0]


def test_a_foreign_library_is_filtered_by_its_own_keywords(tmp_path):
    path = tmp_path / "foreign.bib"
    path.write_text("@misc{x, keywords = {Fish; Salmon}}\n@misc{y, keywords = {salmon, rivers}}\n"
                    "@misc{z, keywords = {salmon}}\n@misc{w}\n", encoding="utf-8")
    load_library([path], None)
    for library in (load_library([path], None), load_library([path], None, use_cache=False)):
        validate(Filters(topics=["Rivers", "fish"]), library)
        assert [e.key for e in select(library, Filters(topics=["rivers", "fish"]))[0]] == ["x", "y"]
        with pytest.raises(SelectionError, match=r"'trout'.*most used keywords: salmon, fish, rivers\)"):
            validate(Filters(topics=["trout"]), library)


def test_house_fields_are_seen_in_the_columns(tmp_path):
    foreign = tmp_path / "foreign.bib"
    foreign.write_text("@misc{x, title = {X}, keywords = {a}}\n@misc{y, title = {Y}, sourcekind = {  }}\n")
    house = tmp_path / "house.bib"
    house.write_text("@misc{x, title = {X}}\n@misc{y, title = {Y}, verification = {confirmed}}\n")
    for path, expected in ((foreign, False), (house, True)):
        load_library([path], None)
        assert load_library([path], None).uses_house_fields is expected
        assert load_library([path], None, use_cache=False).uses_house_fields is expected


def test_filters_are_answered_by_an_index_that_follows_the_library(bib):
    """The topic, kind, state and year filters query the library's filter index (SQLite, one
    file in the cache folder per library): an edited library is answered by a new one."""
    from litcheck.index.filters import passing_keys
    from litcheck.index.store import cache_dir

    load_library([bib], None)
    library = load_library([bib], None)
    assert list(passing_keys(library, topics=["CSAM"])) == ["c"]
    assert list(passing_keys(library, topics=["grooming", "sextortion"])) == ["a2019", "b2021", "c"]  # file order
    assert list(passing_keys(library, kinds=["ngo-report"], states=["Confirmed"], low=2019, high=2019)) == ["a2019"]
    assert len(list((cache_dir() / "derived").glob("*-filters.sqlite"))) == 1
    bib.write_text(BIB.replace("csam, grooming", "grooming") + "@misc{f, keywords = {CSAM}, year = 1999}\n",
                   encoding="utf-8")
    library = load_library([bib], None)
    assert list(passing_keys(library, topics=["csam"])) == ["f"]
    assert list(passing_keys(library, topics=["csam"], high=1998)) == []
    assert list(passing_keys(load_library([bib], None, use_cache=False), topics=["csam"], low=1999)) == ["f"]
    assert len(list((cache_dir() / "derived").glob("*-filters.sqlite"))) == 1  # replaced, not added


def test_a_few_passing_entries_are_found_by_key_in_library_order(tmp_path):
    """When few of many entries pass, they are looked up by key instead of making every entry;
    the selection and its order are those of testing each entry."""
    rare = {20: "zeta", 90: "alpha", 150: "mid"}
    path = tmp_path / "many.bib"
    path.write_text("".join(f"@misc{{{rare.get(i, f'k{i:03}')}, title = {{Work {i} salmon}}, year = {1900 + i},"
                            f" keywords = {{{'rare' if i in rare else 'common'}}}}}\n" for i in range(200)),
                    encoding="utf-8")
    load_library([path], None)
    for library in (load_library([path], None), load_library([path], None, use_cache=False)):
        for filters in (Filters(topics=["rare"]), Filters(topics=["rare"], text="salmon"),
                        Filters(topics=["rare"], until=2000)):
            assert [e.key for e in select(library, filters)[0]] == by_hand(library, filters)
        assert [e.key for e in select(library, Filters(topics=["rare"]))[0]] == ["zeta", "alpha", "mid"]
