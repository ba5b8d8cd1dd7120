"""The attack of issue 13, CI-sized: bad input, faults and signals. Each case is bounded in
time (whatever could hang runs in a subprocess with a timeout) and needs no root; faults that
need root to cause for real (a full disk, a read-only file system) are injected."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, SCHEMA
from issextract import batch
from issextract.cli import main

BIN = Path(sys.executable).with_name("issextract")
SAMPLES = ROOT / "samples"
REPORT = "Smoke was reported in Zvezda on June 10, 2014, NASA said."
LIMIT = 60  # seconds: what "does not hang" means here, far above what any case takes


def invoke(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def command(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=LIMIT, **kwargs)


def error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return stderr.splitlines()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(40):
        (reports / f"r{i:03d}.txt").write_text(f"Report {i}: smoke in Zvezda, NASA said.", encoding="utf-8")
    return reports


def test_a_record_does_not_depend_on_the_reports_read_before_it(tmp_path: Path):
    """A bare "4/7" is a date only before a range ("4/7 to 4/9"): what one report says of it
    must not be remembered for the next."""
    bare = tmp_path / "a.txt"
    bare.write_text("NASA said 4/7 was quiet. Daily report 4/10/2021.", encoding="utf-8")
    ranged = tmp_path / "b.txt"
    ranged.write_text("Daily Summary Report - 4/10/2021\nThe leak check of 4/7 to 4/9 is in review.", encoding="utf-8")
    first = json.loads(invoke("parse", str(bare), str(ranged), "-f", "json").stdout)
    second = json.loads(invoke("parse", str(ranged), str(bare), "-f", "json").stdout)
    assert first == second[::-1]
    assert [d["value"] for d in first[0]["dates"]] == ["2021-04-10"]
    assert [d["value"] for d in first[1]["dates"]] == ["2021-04-10", "2021-04-07", "2021-04-09"]


# Hangs and limits


def test_a_killed_worker_loses_its_input_alone(folder: Path, monkeypatch):
    """kill -9 of a worker (as the out-of-memory killer does): the input it was on is named,
    every other input is written, in order, and the run ends with exit 1."""
    real = batch.process_one

    def killed_on_r013(source):
        if getattr(source, "name", "").endswith("r013.txt"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(source)

    monkeypatch.setattr(batch, "process_one", killed_on_r013)
    result = invoke("parse", str(folder), "-f", "jsonl", "-j", "2")
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert "r013.txt" in line and "lost" in line and "SIGKILL" in line
    sources = [Path(json.loads(x)["source"]).name for x in result.stdout.splitlines()]
    assert sources == [f"r{i:03d}.txt" for i in range(40) if i != 13]


def test_inputs_that_kill_every_worker_are_each_named(folder: Path, monkeypatch):
    monkeypatch.setattr(batch, "process_one", lambda source: os._exit(3))
    result = invoke("parse", str(folder), "-f", "jsonl", "-j", "2")
    assert result.exit_code == 1 and result.stdout == ""
    lines = error_lines(result.stderr)
    assert len(lines) == 40 and all("lost: its worker process died (exit status 3)" in line for line in lines)


def test_workers_that_die_before_any_input_stop_the_run_with_one_line(folder: Path, monkeypatch):
    monkeypatch.setattr(batch, "_serve", lambda *args: os._exit(3))
    result = invoke("parse", str(folder), "-f", "jsonl", "-j", "2")
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert "worker processes keep dying" in line and "stopped after 0 of 40 inputs" in line


@pytest.mark.parametrize("workers", ["1", "2"])
def test_workers_retire_and_are_replaced_without_losing_anything(
    folder: Path, tmp_path: Path, monkeypatch, workers: str
):
    """Memory stays flat on fresh text because workers are renewed (benchmarks/memory.py);
    a batch longer than a worker's life runs in a pool even with -j 1."""
    monkeypatch.setattr(batch, "WORKER_DOCS", 6)
    real = batch.process_one
    noted = tmp_path / "pids"

    def noting_pid(source):
        with noted.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return real(source)

    monkeypatch.setattr(batch, "process_one", noting_pid)
    result = invoke("parse", str(folder), "-f", "jsonl", "-j", workers)
    assert result.exit_code == 0 and result.stderr == ""
    sources = [Path(json.loads(x)["source"]).name for x in result.stdout.splitlines()]
    assert sources == [f"r{i:03d}.txt" for i in range(40)]
    pids = noted.read_text(encoding="utf-8").split()
    assert len(pids) == 40 and str(os.getpid()) not in pids
    life = 6 + batch.CHUNK - 1  # a worker retires once it has done six, at the end of a chunk
    assert max(pids.count(pid) for pid in set(pids)) <= life and len(set(pids)) >= 40 // life


@pytest.mark.parametrize("option", [[], ["--gazetteer"]])
def test_fifos_and_devices_are_refused_at_once(tmp_path: Path, option: list[str]):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    for special in (fifo, Path("/dev/zero")):
        args = ["parse", str(good), *option, str(special)] if option else ["parse", str(special), str(good)]
        result = command(*args)
        assert result.returncode == 1
        [line] = error_lines(result.stderr)
        assert str(special) in line and "not a regular file" in line
        if not option:
            assert yaml.safe_load(result.stdout)["source"] == str(good)


def test_the_size_limit_is_enforced_by_the_read_not_taken_from_stat(tmp_path: Path, monkeypatch):
    from issextract import reading

    big = tmp_path / "big.txt"
    big.write_text("NASA " * 1000, encoding="utf-8")
    real_stat = os.stat

    def small_stat(path, *args, **kwargs):  # a file that says it is empty (as /proc files do)
        info = real_stat(path, *args, **kwargs)
        return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:]))

    monkeypatch.setattr(reading.os, "stat", small_stat)
    monkeypatch.setattr(reading.os, "fstat", lambda fd: small_stat(f"/proc/self/fd/{fd}"))
    with pytest.raises(reading.InputError, match="larger than"):
        reading.read_regular(big, 1000)
    assert len(reading.read_regular(big, 5000)) == 5000


def test_standard_input_is_read_within_the_limit():
    result = invoke("parse", "-", "--max-size", "1", input="NASA " * 300_000)
    assert result.exit_code == 1
    assert "larger than the 1 MB limit" in error_lines(result.stderr)[0]


def test_a_report_on_one_long_line_over_a_million_characters_is_processed(tmp_path: Path):
    """Time linear in line length (benchmarks/linearity.py measures it): a 1.2 MB report on
    one line, without full stops, is done well within the limit; spaCy alone would refuse it
    for its length (E088)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    base = " ".join(" ".join(t.replace(". ", " ").split()) for t in texts) + " "
    big = tmp_path / "one-line.txt"
    big.write_text((base * (1_200_000 // len(base) + 1))[:1_200_000], encoding="utf-8")
    result = command("parse", str(big), "-f", "json", "--date", "2022-12-20")
    assert result.returncode == 0, result.stderr
    [record] = json.loads(result.stdout)
    jsonschema.validate(record, SCHEMA)
    assert {"Zvezda", "Poisk"} <= {m["name"] for m in record["modules"]}
    assert record["dates"] and record["incidents"]


# Errors: writing


def _fail_writes(monkeypatch, code: int, after: int = 0):
    """Make the n-th and later writes of output text fail with `code` (as a full disk would)."""
    from issextract import outputs

    calls = {"n": 0}
    real_open = outputs.AtomicFile.open

    def failing_open(self):
        stream = real_open(self)
        real_write = stream.write

        def write(text):
            calls["n"] += 1
            if calls["n"] > after:
                raise OSError(code, os.strerror(code))
            return real_write(text)

        stream.write = write
        return stream

    monkeypatch.setattr(outputs.AtomicFile, "open", failing_open)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_disk_keeps_the_previous_output_file(folder: Path, tmp_path: Path, monkeypatch, code: int):
    out = tmp_path / "all.json"
    out.write_text("[]\n", encoding="utf-8")
    _fail_writes(monkeypatch, code, after=3)
    result = invoke("parse", str(folder), "-f", "json", "-o", str(out))
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert str(out) in line and os.strerror(code) in line and "left as it was" in line
    assert out.read_text(encoding="utf-8") == "[]\n"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_full_disk_stops_an_output_dir_batch_cleanly(folder: Path, tmp_path: Path, monkeypatch, code: int):
    out = tmp_path / "out"
    _fail_writes(monkeypatch, code, after=5)
    result = invoke("parse", str(folder), "--output-dir", str(out))
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert os.strerror(code) in line and "stopped after 5 of 40" in line
    written = sorted(out.rglob("*.yaml"))
    assert len(written) == 5 and all(yaml.safe_load(p.read_text(encoding="utf-8"))["source"] for p in written)
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_one_bad_output_name_does_not_stop_the_batch(tmp_path: Path):
    reports = tmp_path / "in"
    reports.mkdir()
    long_name = "x" * 250 + ".txt"  # fine as an input, too long once .yaml is added
    for name in ("a.txt", long_name, "b.txt", "c.txt"):
        (reports / name).write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    (out / "in" / "b.txt.yaml").mkdir(parents=True)  # a folder in the way
    result = invoke("parse", str(reports), "--output-dir", str(out))
    assert result.exit_code == 1
    lines = error_lines(result.stderr)
    assert len(lines) == 2
    assert any(long_name in line and "too long" in line for line in lines)
    assert any("b.txt.yaml" in line and "is a folder" in line for line in lines)
    assert sorted(p.name for p in (out / "in").iterdir() if p.is_file()) == ["a.txt.yaml", "c.txt.yaml"]


def test_a_long_output_name_is_written_although_its_temporary_name_would_be_too_long(tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    out = tmp_path / ("o" * 250 + ".yaml")  # 255 bytes: the longest name there is
    assert invoke("parse", str(report), "-o", str(out)).exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["source"] == str(report)
    too_long = invoke("parse", str(report), "-o", str(tmp_path / ("o" * 251 + ".yaml")))
    assert too_long.exit_code == 1
    assert "file name too long" in error_lines(too_long.stderr)[0]


def test_an_output_folder_leading_out_of_the_output_dir_is_refused(tmp_path: Path):
    reports = tmp_path / "in"
    (reports / "sub").mkdir(parents=True)
    (reports / "sub" / "a.txt").write_text(REPORT, encoding="utf-8")
    (reports / "b.txt").write_text(REPORT, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    (out / "in").mkdir(parents=True)
    (out / "in" / "sub").symlink_to(elsewhere)
    result = invoke("parse", str(reports), "--output-dir", str(out))
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert "a.txt.yaml" in line and "leads out of" in line
    assert list(elsewhere.iterdir()) == []
    assert (out / "in" / "b.txt.yaml").is_file()


def test_an_output_file_in_a_missing_folder_is_one_line(tmp_path: Path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    target = tmp_path / "missing" / "out.yaml"
    result = invoke("parse", str(report), "-o", str(target))
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert str(target) in line and "No such file or directory" in line


def test_an_unexpected_error_is_one_line_without_debug(tmp_path: Path, monkeypatch):
    from issextract import cli

    def broken(*args, **kwargs):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(cli, "_plan_outputs", broken)
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    result = invoke("parse", str(report))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        "issextract: internal error: RuntimeError: something unexpected (use --debug for the traceback)"
    ]
    with pytest.raises(RuntimeError):
        CliRunner().invoke(main, ["parse", str(report), "--debug"], catch_exceptions=False)


# Errors: signals


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize(
    ("sig", "code", "word"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_signals_end_the_run_with_one_line(tmp_path: Path, workers: str, sig: int, code: int, word: str):
    """Ctrl-C reaches every process of the terminal's group; SIGTERM is sent to the main one.
    Either way: the previous output file is kept, one line, the conventional exit code."""
    reports = tmp_path / "many"
    reports.mkdir()
    text = (SAMPLES / "soyuz-coolant-leak.txt").read_text(encoding="utf-8")
    for i in range(3000):
        (reports / f"r{i:04d}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text('["previous"]\n', encoding="utf-8")
    process = _start(["parse", "many", "-f", "json", "-o", "out.json", "-j", workers], tmp_path)
    deadline = time.monotonic() + LIMIT
    while not any(p.stat().st_size for p in tmp_path.glob(".out.json.*.tmp")):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    if sig == signal.SIGINT:
        os.killpg(process.pid, sig)
    else:
        os.kill(process.pid, sig)
    _, stderr = process.communicate(timeout=LIMIT)
    assert process.returncode == code
    [line] = error_lines(stderr)
    assert line.startswith(f"issextract: {word} after ") and "out.json left as it was" in line
    assert out.read_text(encoding="utf-8") == '["previous"]\n'
    assert not list(tmp_path.glob(".*.tmp"))


# Errors: encodings


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text", ["Cosmonaut Oleg Artemyev reported smoke in Nauka.", "Космонавты Олег Артемьев и NASA: дым в модуле Наука."]
)
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, codec: str, text: str):
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(codec))
    result = invoke("parse", str(path), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["agencies" if "NASA" in text else "crew"]


def test_utf32_by_its_byte_order_mark_is_read(tmp_path: Path):
    path = tmp_path / "r.txt"
    path.write_bytes(REPORT.encode("utf-32"))
    assert json.loads(invoke("parse", str(path), "-f", "jsonl").stdout)["modules"][0]["name"] == "Zvezda"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Smoke in Zvezda".encode("utf-16") + b"\x00", "odd number of bytes"),
        (("Smoke in Zvezda. " * 20).encode("utf-16-le") + b"\x00\xd8" + "ok".encode("utf-16-le"), "lone surrogate"),
        (b"\xff\xfe" + "Smoke".encode("utf-16-le") + b"\x00\xdc", "lone surrogate"),
        ("Smoke in Zvezda".encode("utf-16-le") + b"A", "odd number of bytes"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_broken_utf16_and_binary_are_named_with_a_reason(tmp_path: Path, data: bytes, reason: str):
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    result = invoke("parse", str(path))
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert line.startswith(f"issextract: {path}: ") and reason in line


# Errors: gazetteers


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("vehicle_schemes:\n  - {pattern: 'Foo-(?P<num>\\d+)', name: 'Foo {num}', pad: abc}\n", ":2: 'pad' must be"),
        ("vehicle_schemes:\n  - {pattern: 5, name: Foo}\n", ":2: 'pattern' must be a regular expression"),
        ("vehicle_schemes:\n  - {pattern: 'Foo-(?P<num>\\d+)', name: 'Foo {series}'}\n", ":2: 'name' 'Foo {series}'"),
        (
            "vehicle_schemes:\n  - {pattern: 'Foo-(?P<num>\\d+)', name: 'Foo {num.real}'}\n",
            ":2: 'name' 'Foo {num.real}': unknown placeholder",
        ),
        ("vehicle_schemes:\n  - {pattern: 'F(?P<num>\\d)', name: 'F{num}', kind: [a, b]}\n", ":2: 'kind' must be"),
        ("vehicles:\n  - name: Foo\n    kind: [a, b]\n", ":3: 'kind' must be"),
        ("incident_status:\n  detected: ['\\bseen']\n  7: ['\\bx']\n", ":3: a label of 'incident_status' must be"),
        ("crew_safety:\n  safe-ish: ['\\bfine']\n", ":2: a label of 'crew_safety' must be one of"),
        ("incident_types:\n  explosion:\n    patterns: ['\\bboom']\n", ":2: an incident type must be one of"),
        ("incident_types:\n  smoke:\n    patterns: ['(\\w+\\s?)+smoke']\n", ":3: pattern '(\\\\w+\\\\s?)+smoke'"),
        ("not_vehicles: ['(x|xx)+y']\n", ":1: pattern '(x|xx)+y' in not_vehicles could run for seconds"),
        ("modules:\n  - name: Foo\n    segment: Martian\n", ":3: 'segment' must be one of Russian, US"),
        ("modules:\n  - name: Foo\nspaceports: []\n", ":3: unknown category 'spaceports'"),
        ("lexicon:\n  first_name: [Zed]\n", ":2: unknown lexicon list 'first_name'"),
        ("progress:\n  - {designation: Progress MS-99, number: true}\n", ":2: 'number' must be a whole number"),
        ("crew: {name: Zed Quorra}\n", ":1: 'crew' must be a list of entries"),
    ],
)
def test_every_gazetteer_field_is_checked_on_load(tmp_path: Path, content: str, message: str):
    bad = tmp_path / "mine.yaml"
    bad.write_text(content, encoding="utf-8")
    result = invoke("parse", "-", "--gazetteer", str(bad), input=REPORT)
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert line.startswith(f"Error: {bad}{message}"), line


def test_a_yaml_anchor_reused_across_entries_works(tmp_path: Path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "crew:\n"
        "  - &zed {name: Zed Quorra, agency: ESA, nationality: Italy}\n"
        "  - *zed\n"
        "  - <<: *zed\n"
        "    name: Yan Quorra\n",
        encoding="utf-8",
    )
    text = "Astronauts Zed Quorra and Yan Quorra repaired the leak in Zvezda."
    result = invoke("parse", "-", "--gazetteer", str(mine), "-f", "jsonl", input=text)
    assert result.exit_code == 0, result.stderr
    crew = {c["name"]: c for c in json.loads(result.stdout)["crew"]}
    assert crew["Zed Quorra"]["agency"] == crew["Yan Quorra"]["agency"] == "ESA"


def test_a_non_utf8_gazetteer_is_named(tmp_path: Path):
    bad = tmp_path / "mine.yaml"
    bad.write_bytes("crew:\n  - name: Zoë\n".encode("latin-1"))
    result = invoke("parse", "-", "--gazetteer", str(bad), input=REPORT)
    assert result.exit_code == 1
    assert "not UTF-8" in error_lines(result.stderr)[0]


# Errors: eval


def _gold_folder(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("good", "yaml", "types", "bytes", "folder", "link"):
        (gold / f"{name}.txt").write_text(REPORT, encoding="utf-8")
    (gold / "good.gold.yaml").write_text("modules: [Zvezda]\nagencies: [NASA]\n", encoding="utf-8")
    (gold / "yaml.gold.yaml").write_text("modules: [Zvezda\nagencies: x\n", encoding="utf-8")
    (gold / "types.gold.yaml").write_text("modules: {Zvezda: 1}\n", encoding="utf-8")
    (gold / "bytes.gold.yaml").write_bytes("modules: [Zvézda]\n".encode("latin-1"))
    (gold / "folder.gold.yaml").mkdir()
    (gold / "link.gold.yaml").symlink_to(gold / "nowhere.yaml")
    (gold / "alone.gold.yaml").write_text("modules: []\n", encoding="utf-8")
    return gold


def test_eval_names_each_bad_gold_file_on_one_line(tmp_path: Path):
    gold = _gold_folder(tmp_path)
    result = invoke("eval", str(gold), "-f", "json")
    assert result.exit_code == 1
    lines = error_lines(result.stderr)
    expected = {
        "alone.gold.yaml": "no alone.txt beside it",
        "yaml.gold.yaml:2": "invalid YAML",
        "types.gold.yaml": "'modules' must be a list",
        "bytes.gold.yaml": "not UTF-8",
        "folder.gold.yaml": "is a folder",
        "link.gold.yaml": "broken symbolic link",
    }
    assert len(lines) == len(expected)
    for where, reason in expected.items():
        assert any(f"{gold}/{where}" in line and reason in line for line in lines), (where, lines)
    assert json.loads(result.stdout)["documents"] == 1


# Errors: nothing to do, resuming, dates, stdin, names


@pytest.mark.parametrize("glob", ["*.txt", "*.nothing"])
def test_nothing_to_do_is_said_and_fails(tmp_path: Path, glob: str):
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "some").mkdir()
    (tmp_path / "some" / "notes.md").write_text(REPORT, encoding="utf-8")
    for folder in (empty, tmp_path / "some"):
        result = invoke("parse", str(folder), "--glob", glob)
        assert result.exit_code == 1 and result.stdout == ""
        [line] = error_lines(result.stderr)
        assert str(folder) in line and f"matches --glob '{glob}'" in line


def test_skip_existing_needs_an_output_dir(tmp_path: Path):
    result = invoke("parse", str(SAMPLES), "--skip-existing")
    assert result.exit_code == 2
    assert "--skip-existing needs --output-dir" in result.stderr


def test_the_summary_of_a_resumed_batch_counts_the_skipped(folder: Path, tmp_path: Path, monkeypatch):
    from issextract import cli

    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    for i in range(10):
        (out / "reports" / f"r{i:03d}.txt.yaml").write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(cli, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(cli, "_progress", lambda enabled: cli._NoProgress())
    result = invoke("parse", str(folder), "--output-dir", str(out), "--skip-existing")
    assert result.exit_code == 0
    assert error_lines(result.stderr)[-1].startswith("issextract: 30 ok, 0 failed, 10 skipped (output exists)")


@pytest.mark.parametrize(
    ("reference", "unresolved"),
    [("9999-12-31", {"tomorrow", "next month", "next year"}), ("0001-01-01", {"yesterday", "last month", "last year"})],
)
def test_relative_words_past_the_calendars_ends_have_no_value(reference: str, unresolved: set[str]):
    text = (
        "Smoke was found in Zvezda yesterday, NASA said today. It will be fixed tomorrow, or next month, "
        "or next year. It recurred last month and last year, and on Friday. A review is planned in March."
    )
    result = invoke("parse", "-", "-f", "json", "--date", reference, input=text)
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    jsonschema.validate(record, SCHEMA)
    values = {d["text"]: d["value"] for d in record["dates"]}
    assert {t for t, v in values.items() if v is None} >= unresolved
    assert values["today"] == reference


def test_a_closed_standard_input_is_one_line():
    result = subprocess.run(
        ["bash", "-c", f"{BIN} parse - <&-"], capture_output=True, text=True, timeout=LIMIT, check=False
    )
    assert result.returncode == 1
    assert error_lines(result.stderr) == ["issextract: <stdin>: standard input is closed"]


@pytest.mark.parametrize("name", ["two\nlines.txt", 'say "cheese".txt', "it's.txt", "tab\there.txt"])
def test_odd_file_names_are_quoted_so_one_error_is_one_line(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_text("", encoding="utf-8")
    result = invoke("parse", str(path), str(tmp_path / "missing\n.txt"))
    assert result.exit_code == 1
    lines = error_lines(result.stderr)
    assert len(lines) == 2
    assert lines[0] == f"issextract: {str(path)!r}: empty file"


def test_a_file_name_that_is_not_utf8_is_written_readably(tmp_path: Path):
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    path.write_text(REPORT, encoding="utf-8")
    result = invoke("parse", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["source"].endswith("caf\\xe9.txt")
    assert yaml.safe_load(invoke("parse", str(path)).stdout)["source"].endswith("caf\\xe9.txt")
