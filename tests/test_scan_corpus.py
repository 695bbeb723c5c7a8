"""Many documents: folders are walked, the map runs in parallel (--jobs) or on a Dask cluster
with the same results in the same order as one process, a summary table ends the run, and the
exit status stays the documented one."""

from __future__ import annotations

import json
import shutil

import pytest

from make_docs import DATA


def corpus(tmp_path):
    root = tmp_path / "articles"
    (root / "2024").mkdir(parents=True)
    (root / ".hidden").mkdir()
    shutil.copy(DATA / "footnoted.txt", root / "2024" / "footnoted.txt")
    shutil.copy(DATA / "authordate.md", root / "authordate.md")
    shutil.copy(DATA / "numeric.txt", root / "numeric.txt")
    (root / ".hidden" / "skip.txt").write_text("Studies show that this is never read.\n", encoding="utf-8")
    (root / "notes.litcheck.yaml").write_text("suppress: []\n", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


def scan(run_cli, *args):
    return run_cli("scan", "--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes"), *args)


def test_folders_are_walked_and_jobs_do_not_change_results(run_cli, tmp_path):
    root = corpus(tmp_path)
    extra = tmp_path / "extra.txt"
    extra.write_text("Studies show that offenders rarely meet their victims.\n", encoding="utf-8")
    one = scan(run_cli, str(root), str(extra), "--format", "json", "--jobs", "1")
    two = scan(run_cli, str(root), str(extra), "--format", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    paths = [d["path"] for d in json.loads(one.stdout)["documents"]]
    assert paths == [str(root / "2024" / "footnoted.txt"), str(root / "authordate.md"), str(root / "numeric.txt"),
                     str(extra)]
    # the summary goes to stderr for machine formats: documents, flags per rule, most errors
    assert ["documents", "scanned", "4"] in [line.split() for line in one.stderr.splitlines()]
    assert "Most errors:" in one.stderr and "\x1b[" not in one.stderr  # no progress bar when not a terminal


def test_summary_counts_match_the_report(run_cli, tmp_path):
    root = corpus(tmp_path)
    result = scan(run_cli, str(root), "--format", "text", "--jobs", "2")
    report = json.loads(scan(run_cli, str(root), "--format", "json", "--jobs", "2").stdout)
    flags = [f for d in report["documents"] for f in d["flags"]]
    rows = [line.split() for line in result.stdout.split("Summary:\n")[1].splitlines()]
    assert ["flags", str(len(flags))] in rows and ["documents", "scanned", "3"] in rows
    for rule in {f["rule"] for f in flags}:
        assert [rule, str(sum(f["rule"] == rule for f in flags))] in rows
    worst = max(report["documents"], key=lambda d: sum(f["severity"] == "error" for f in d["flags"]))
    most = result.stdout.split("Most errors:")[1].splitlines()[1].split()
    assert most == [worst["path"], str(sum(f["severity"] == "error" for f in worst["flags"]))]


def test_exit_status_is_kept(run_cli, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The committee met in the spring.\n", encoding="utf-8")
    warn = tmp_path / "warn.txt"
    warn.write_text("Studies show that offenders rarely meet their victims.\n", encoding="utf-8")
    assert scan(run_cli, str(clean), "--jobs", "2").exit_code == 0
    assert scan(run_cli, str(clean), str(warn), "--jobs", "2").exit_code == 0  # a warning is below --fail-on error
    assert scan(run_cli, str(clean), str(warn), "--jobs", "2", "--fail-on", "warning").exit_code == 1
    assert scan(run_cli, str(tmp_path / "no-such-folder")).exit_code == 2


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_results(run_cli, tmp_path):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    root = corpus(tmp_path)
    local = scan(run_cli, str(root), "--format", "json", "--jobs", "1")
    dask = scan(run_cli, str(root), "--format", "json", "--engine", "dask", "--jobs", "2")
    assert dask.exit_code == local.exit_code == 1
    assert dask.stdout == local.stdout
    # a cluster that is already running, named with --scheduler
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = scan(run_cli, str(root), "--format", "json", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert remote.exit_code == 1 and remote.stdout == local.stdout
