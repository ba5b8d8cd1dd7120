"""`issextract parse --cluster` on a local Dask cluster (two worker processes), against local runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from issextract.cli import main

distributed = pytest.importorskip("distributed")

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
FORMATS = ["yaml", "json", "jsonl", "csv", "table"]


@pytest.fixture(scope="session")
def scheduler() -> str:
    """The address of a two-process local cluster, shared by every test here."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty reports in two folders, each a different cut of the sample reports' paragraphs."""
    folder = tmp_path_factory.mktemp("corpus")
    paragraphs = [p for path in SAMPLES for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for i in range(40):
        picked = [paragraphs[(i * 7 + k * 3) % len(paragraphs)] for k in range(2 + i % 4)]
        target = folder / ("east" if i % 3 else "west") / f"report-{i:02d}.txt"
        target.parent.mkdir(exist_ok=True)
        target.write_text("\n\n".join(picked), encoding="utf-8")
    return folder


def parse(*args: str, env: dict[str, str] | None = None):
    return CliRunner(env=env).invoke(main, ["parse", *args], catch_exceptions=False)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cluster_output_is_byte_identical_to_a_local_run(scheduler: str, corpus: Path, fmt: str):
    local = parse(str(corpus), "-f", fmt, "-j", "1")
    remote = parse(str(corpus), "-f", fmt, "--cluster", scheduler)
    assert remote.exit_code == local.exit_code == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert remote.stderr == local.stderr == ""
    assert local.stdout.count("report-") >= 40


def test_output_file_and_gazetteer_contents_go_with_the_job(scheduler: str, corpus: Path, tmp_path: Path):
    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text("crew:\n  - name: Zed Quorra\n    agency: ESA\n", encoding="utf-8")
    report = tmp_path / "z.txt"
    report.write_text("Astronaut Zed Quorra closed the hatch to Poisk on Tuesday.", encoding="utf-8")
    options = ["-f", "json", "--gazetteer", str(gazetteer), "--date", "2024-02-28"]
    parse(str(report), str(corpus), *options, "-o", str(tmp_path / "local.json"))
    remote = parse(str(report), str(corpus), *options, "-o", str(tmp_path / "remote.json"), "--cluster", scheduler)
    assert remote.exit_code == 0 and remote.stdout == ""
    text = (tmp_path / "remote.json").read_text(encoding="utf-8")
    assert text == (tmp_path / "local.json").read_text(encoding="utf-8")
    assert '"agency": "ESA"' in text and '"value": "2024-02-27"' in text


def test_a_bad_input_fails_only_itself_as_locally(scheduler: str, corpus: Path, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    inputs = [str(SAMPLES[0]), str(tmp_path), str(tmp_path / "missing.txt"), str(corpus / "west")]
    local = parse(*inputs, "-f", "jsonl")
    remote = parse(*inputs, "-f", "jsonl", "--cluster", scheduler)
    assert remote.exit_code == local.exit_code == 1
    assert remote.stdout == local.stdout
    assert remote.stderr == local.stderr
    assert len(remote.stderr.splitlines()) == 4
    assert remote.stdout.count("\n") == 1 + len(list((corpus / "west").glob("*.txt")))
    local = parse(*inputs, "-f", "jsonl", "--fail-fast")
    remote = parse(*inputs, "-f", "jsonl", "--fail-fast", "--cluster", scheduler)
    assert (remote.exit_code, remote.stdout, remote.stderr) == (local.exit_code, local.stdout, local.stderr)
    assert remote.stdout.count("\n") == 1 and len(remote.stderr.splitlines()) == 1


def test_workers_write_the_output_dir_as_a_local_run_does(scheduler: str, corpus: Path, tmp_path: Path):
    local = parse(str(corpus), "--output-dir", str(tmp_path / "local"), "-f", "json")
    out = str(tmp_path / "remote")
    remote = parse(str(corpus), "--output-dir", out, "-f", "json", env={"ISSEXTRACT_CLUSTER": scheduler})
    assert remote.exit_code == local.exit_code == 0 and remote.stdout == local.stdout == ""

    def tree(folder: Path) -> dict[str, str]:
        return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}

    written = tree(tmp_path / "remote")
    assert written == tree(tmp_path / "local")
    root = tmp_path / "remote" / corpus.name  # each input folder under its own name
    assert len(written) == 40 and f"{corpus.name}/east/report-01.txt.json" in written
    (root / "west" / "report-00.txt.json").unlink()
    os.utime(root / "east" / "report-01.txt.json", (1, 1))
    again = parse(str(corpus), "--output-dir", out, "-f", "json", "--skip-existing", "--cluster", scheduler)
    assert again.exit_code == 0
    assert tree(tmp_path / "remote") == written
    assert (root / "east" / "report-01.txt.json").stat().st_mtime == 1


def test_inputs_may_be_fsspec_urls(scheduler: str, corpus: Path):
    pytest.importorskip("fsspec")
    url = f"file://{corpus}/east"
    local = parse(str(corpus / "east"), "-f", "jsonl")
    remote = parse(url, f"file://{corpus}/nowhere.txt", "-f", "jsonl", "--cluster", scheduler)
    assert remote.exit_code == 1
    assert remote.stderr == f"issextract: file://{corpus}/nowhere.txt: no such file or folder\n"
    assert remote.stdout == local.stdout.replace(f'"source": "{corpus}/east', f'"source": "{url}')
    assert remote.stdout.count(url) == len(list((corpus / "east").glob("*.txt")))
    assert parse(url, "-f", "jsonl").stdout == remote.stdout  # a local run reads URLs too


class _KillOnce(distributed.WorkerPlugin):
    """Kills the worker process it runs in as that worker starts its second issextract task,
    once for the whole cluster (the flag file says it has been done)."""

    def __init__(self, flag: str) -> None:
        self.flag = flag
        self.started = 0

    def transition(self, key, start, finish, **kwargs) -> None:
        if finish != "executing" or not str(key).startswith("issextract-parse"):
            return
        self.started += 1
        if self.started < 2:
            return
        try:
            os.close(os.open(self.flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return
        Path(self.flag).write_text(str(os.getpid()), encoding="utf-8")
        os._exit(1)


def test_losing_a_worker_mid_run_changes_nothing(scheduler: str, corpus: Path, tmp_path: Path):
    expected = parse(str(corpus), "-f", "jsonl")
    flag = tmp_path / "killed"
    with distributed.Client(scheduler, set_as_default=False) as client:
        client.register_plugin(_KillOnce(str(flag)), name="kill-once")
        try:
            remote = parse(str(corpus), "-f", "jsonl", "--cluster", scheduler)
        finally:
            client.unregister_worker_plugin("kill-once")
        client.wait_for_workers(2, timeout=60)
    assert flag.exists(), "no worker was killed"
    with pytest.raises(ProcessLookupError):
        os.kill(int(flag.read_text(encoding="utf-8")), 0)
    assert remote.exit_code == 0, remote.stderr
    assert remote.stdout == expected.stdout


def test_standard_input_is_refused(scheduler: str):
    result = CliRunner().invoke(main, ["parse", "-", "--cluster", scheduler], input="Smoke in Zvezda.")
    assert result.exit_code == 2
    assert "--cluster" in result.stderr and "standard input" in result.stderr


def test_a_scheduler_out_of_reach_is_one_line(tmp_path: Path):
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = parse(str(SAMPLES[0]), "-o", str(tmp_path / "out.yaml"), "--cluster", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_without_dask_the_extra_is_named():
    code = (
        "import sys; sys.modules['distributed'] = None; from issextract.cli import main; "
        f"main(['parse', {str(SAMPLES[0])!r}, '--cluster', 'tcp://127.0.0.1:8786'])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "Error: --cluster needs Dask: pip install 'issextract[dask]'\n"
    assert result.stdout == ""


def test_the_dashboard_address_is_announced(scheduler: str, capsys: pytest.CaptureFixture[str]):
    from issextract import cluster
    from issextract.api import Extractor
    from issextract.reading import expand_inputs

    outcomes = cluster.outcomes(scheduler, Extractor(), list(expand_inputs([str(SAMPLES[0])])), 10**6, announce=True)
    assert [o.source.name for o in outcomes] == [str(SAMPLES[0])]
    assert capsys.readouterr().err.startswith("issextract: Dask dashboard at http")


def _tables(path: Path, fmt: str) -> dict[str, object]:
    if fmt == "sqlite":
        import sqlite3

        with sqlite3.connect(path) as db:
            return {"dump": list(db.iterdump())}
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return {p.name: pq.read_table(p).to_pylist() for p in sorted(path.glob("*.parquet"))}
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "sqlite"])
def test_tables_and_databases_hold_what_a_local_run_writes(scheduler: str, corpus: Path, tmp_path: Path, fmt: str):
    out = ["-o"] if fmt == "sqlite" else ["--output-dir"]
    local = parse(str(corpus / "west"), "-f", fmt, *out, str(tmp_path / "local"))
    remote = parse(str(corpus / "west"), "-f", fmt, *out, str(tmp_path / "remote"), "--cluster", scheduler)
    assert remote.exit_code == local.exit_code == 0, remote.stderr
    tables = _tables(tmp_path / "remote", fmt)
    assert tables == _tables(tmp_path / "local", fmt)
    assert len(tables) >= 1 and all(tables.values())


def test_a_web_page_named_by_a_url_is_read_as_a_page(tmp_path: Path):
    page = tmp_path / "leak.html"
    paragraphs = "".join(
        f"<p>{sentence}</p>"
        for sentence in (
            "Cosmonaut Oleg Artemyev found a small air leak in the Zvezda module on Tuesday morning.",
            "Flight controllers said the crew was never in danger and the hatch to the module stayed closed.",
            "Engineers will study the readings from the pressure sensors over the coming days.",
        )
    )
    page.write_text(
        "<!doctype html><html><head><title>Air leak found in Zvezda</title>"
        '<meta property="article:published_time" content="2021-03-09"></head>'
        f"<body><nav>Home | World</nav><article>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    by_path = parse(str(page), "-f", "jsonl")
    by_url = parse(f"file://{page}", "-f", "jsonl")
    assert by_url.exit_code == by_path.exit_code == 0, by_url.stderr
    assert by_url.stdout == by_path.stdout.replace(f'"source": "{page}"', f'"source": "file://{page}"')
    assert '"Zvezda"' in by_url.stdout and "<p>" not in by_url.stdout and "Home | World" not in by_url.stdout
