"""Environment settings are read and checked once, before a command does anything; every
LitcheckError leaves through one place as one line and an exit status."""

from __future__ import annotations

import pytest

from litcheck.errors import LitcheckError
from litcheck.settings import SettingError, read_settings

from conftest import GOOD_ENTRY


@pytest.mark.parametrize("name, value", [
    ("LITCHECK_BACKUPS", "ten"), ("LITCHECK_BACKUPS", "-1"), ("LITCHECK_BACKUPS", "2.5"),
    ("LITCHECK_LOCK_TIMEOUT", "soon"), ("LITCHECK_LOCK_TIMEOUT", "nan"), ("LITCHECK_LOCK_TIMEOUT", "-3"),
])
def test_a_bad_number_stops_a_writing_command_before_it_writes(run_cli, write_bib, name, value):
    bib = write_bib(GOOD_ENTRY)
    before = bib.read_bytes()
    result = run_cli("set", "unodc2020global", "note", "x", "--bib", str(bib), env={name: value})
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"litcheck: {name}={value!r}: must be ")
    assert bib.read_bytes() == before


def test_a_notes_setting_that_names_a_file_is_refused(run_cli, write_bib):
    bib = write_bib(GOOD_ENTRY)
    result = run_cli("check", "--bib", str(bib), env={"LITCHECK_NOTES": str(bib)})
    assert result.exit_code == 2 and "LITCHECK_NOTES" in result.output and "folder" in result.output


def test_settings_are_parsed_from_the_environment_given():
    settings = read_settings({"LITCHECK_BACKUPS": "3", "LITCHECK_LOCK_TIMEOUT": "0.5", "LITCHECK_BIB": "a.bib:b",
                              "XDG_CACHE_HOME": "/tmp/x"})
    assert (settings.backups, settings.lock_timeout, settings.bib) == (3, 0.5, ("a.bib", "b"))
    assert str(settings.cache_dir) == "/tmp/x/litcheck"
    assert read_settings({}).backups == 10
    with pytest.raises(SettingError):
        read_settings({"LITCHECK_BACKUPS": "many"})


def test_the_backups_setting_is_used_when_no_option_is_given(run_cli, write_bib, tmp_path):
    bib = write_bib(GOOD_ENTRY)
    for n in range(3):
        assert run_cli("set", "unodc2020global", "note", f"n{n}", "--bib", str(bib),
                       env={"LITCHECK_BACKUPS": "1"}).exit_code == 0
    assert len(list((tmp_path / ".litcheck-backups").iterdir())) == 1


def test_every_user_facing_error_shares_one_base_class():
    from litcheck.editing.bibdoc import RefuseWrite
    from litcheck.editing.skeleton import UnsafeKey
    from litcheck.editing.locking import LockBusy
    from litcheck.library.paths import MissingPath
    from litcheck.listing.reading_lists import ListError
    from litcheck.listing.select import SelectionError
    from litcheck.listing.styles import EngineError
    from litcheck.scan.document.model import DocumentError

    for cls in (RefuseWrite, UnsafeKey, LockBusy, MissingPath, ListError, SelectionError, EngineError,
                DocumentError, SettingError):
        assert issubclass(cls, LitcheckError), cls
