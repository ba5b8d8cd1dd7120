"""Benchmark `issextract parse --cluster` on a local two-worker Dask cluster against `-j 2`.

Writes fresh synthetic reports (benchmarks/fresh_reports.py: no two alike), starts a
`distributed.LocalCluster` of two worker processes with one thread each in this process,
then times whole command-line runs on the same files, alternating the two ways:
- `-f jsonl -o FILE` and the default YAML: the workers render each record, the client writes
  the text in input order (locally, the pool's parent renders and writes);
- `--output-dir DIR -f json`: the workers (or the pool's parent, locally) write one file each.
The figure is the throughput ratio, cluster / `-j 2` (1.0: as fast; the target is >= 0.67).
The workers are warmed by one small run first (their pipelines are built once per process);
that first run's time is reported as the cluster's cold start.

It also measures what the README's estimate for a large cluster is worked out from: the
pipeline's cost per document in one process, the scheduler's overhead per task, and the
client's cost per record received (unpickling, then writing JSON lines or YAML).

    python benchmarks/cluster.py [--reports 10000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import io
import logging
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fresh_reports import write_reports

BIN = Path(sys.executable).with_name("issextract")


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {result.stderr}")
    return time.perf_counter() - started


def alternate(commands: dict[str, list[str]], repeat: int, before: object = None) -> dict[str, float]:
    """Median wall time of each command, run in turn `repeat` times (noise hits both alike)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            if callable(before):
                before()
            times[name].append(timed(command))
    return {name: statistics.median(values) for name, values in times.items()}


def per_document_seconds(files: list[Path]) -> float:
    """The pipeline's steady-state cost per document in this process (one core)."""
    import issextract

    extractor = issextract.Extractor()
    texts = [f.read_text(encoding="utf-8") for f in files]
    for text in texts[:50]:
        extractor.extract(text)
    started = time.perf_counter()
    for text in texts:
        extractor.extract(text)
    return (time.perf_counter() - started) / len(texts)


def per_task_overhead(client: object, count: int = 2000) -> float:
    """Seconds per task for tasks that do nothing: submitting, scheduling, running, gathering."""
    started = time.perf_counter()
    futures = client.map(abs, range(-count, 0), pure=False)  # type: ignore[attr-defined]
    client.gather(futures)  # type: ignore[attr-defined]
    return (time.perf_counter() - started) / count


def per_record_client_seconds(files: list[Path]) -> dict[str, float]:
    """What a client spends per record received: unpickling the record and writing it as JSONL
    or YAML (rendering included), against unpickling and writing the text a worker rendered."""
    import issextract
    from issextract.writers import RENDERERS, make_writer

    records = [issextract.extract(f.read_text(encoding="utf-8"), str(f)) for f in files]
    payload = pickle.dumps(records)
    costs = {"bytes": len(payload) / len(records)}
    started = time.perf_counter()
    pickle.loads(payload)
    costs["unpickle"] = (time.perf_counter() - started) / len(records)
    for fmt in ("jsonl", "yaml"):
        writer = make_writer(fmt, io.StringIO())
        started = time.perf_counter()
        for record in records:
            writer.write(record)
        costs[fmt] = (time.perf_counter() - started) / len(records)
        texts = pickle.dumps([RENDERERS[fmt](record) for record in records])
        writer = make_writer(fmt, io.StringIO())
        started = time.perf_counter()
        for text in pickle.loads(texts):
            writer.write(None, text)
        costs[f"{fmt} text"] = (time.perf_counter() - started) / len(records)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--skip-yaml", action="store_true", help="no YAML runs (the slowest locally)")
    args = parser.parse_args()
    if not BIN.exists():
        sys.exit(f"issextract is not installed beside {sys.executable}")
    from distributed import Client, LocalCluster

    work = Path(tempfile.mkdtemp(prefix="issextract-cluster-bench-"))
    corpus, out = work / "reports", work / "out"
    try:
        words = write_reports(corpus, args.reports)
        files = sorted(corpus.rglob("*.txt"))
        local = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
        with LocalCluster(**local, silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
            address = cluster.scheduler_address
            parse = [str(BIN), "parse", str(corpus), "-q"]
            cold = timed([*parse[:2], *map(str, files[:8]), "-q", "--cluster", address])
            jsonl = alternate(
                {
                    "-j 2": [*parse, "-f", "jsonl", "-o", str(work / "local.jsonl"), "-j", "2"],
                    "cluster": [*parse, "-f", "jsonl", "-o", str(work / "cluster.jsonl"), "--cluster", address],
                },
                args.repeat,
            )
            same = (work / "local.jsonl").read_bytes() == (work / "cluster.jsonl").read_bytes()
            yaml = {}
            if not args.skip_yaml:
                yaml = alternate(
                    {
                        "-j 2": [*parse, "-o", str(work / "local.yaml"), "-j", "2"],
                        "cluster": [*parse, "-o", str(work / "cluster.yaml"), "--cluster", address],
                    },
                    args.repeat,
                )
                same = same and (work / "local.yaml").read_bytes() == (work / "cluster.yaml").read_bytes()
            files_out = alternate(
                {
                    "-j 2": [*parse, "-f", "json", "--output-dir", str(out), "-j", "2"],
                    "cluster": [*parse, "-f", "json", "--output-dir", str(out), "--cluster", address],
                },
                args.repeat,
                before=lambda: shutil.rmtree(out, ignore_errors=True),
            )
            task = per_task_overhead(client)
        document = per_document_seconds(files[:1000])
        client_costs = per_record_client_seconds(files[:500])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = [
        ("corpus", f"{len(files):,} fresh reports, {words:,} words ({words / len(files):.0f} a report)"),
        ("cluster cold start", f"{cold:.2f} s for 8 reports on fresh workers (connect, list, build pipelines)"),
    ]
    for label, times in (("JSONL to a file", jsonl), ("YAML to a file", yaml), ("--output-dir, JSON", files_out)):
        if not times:
            continue
        rows.append(
            (
                label,
                f"-j 2 {len(files) / times['-j 2']:,.0f} reports/s, cluster {len(files) / times['cluster']:,.0f} "
                f"reports/s: ratio {times['-j 2'] / times['cluster']:.2f}",
            )
        )
    rows += [
        ("  same bytes", "yes" if same else "NO: the cluster's output differs from the local run's"),
        ("per document, 1 process", f"{document * 1000:.2f} ms ({words / len(files) / document:,.0f} words/s)"),
        ("per task, scheduler", f"{task * 1000:.2f} ms (no-op tasks, submit to gather)"),
        (
            "per record, client",
            f"record: unpickle {client_costs['unpickle'] * 1e6:.0f} us ({client_costs['bytes'] / 1024:.1f} KB), then "
            f"render and write JSONL {client_costs['jsonl'] * 1e6:.0f} us, YAML {client_costs['yaml'] * 1e6:.0f} us",
        ),
        (
            "  rendered by workers",
            f"unpickle and write the text: JSONL {client_costs['jsonl text'] * 1e6:.1f} us, "
            f"YAML {client_costs['yaml text'] * 1e6:.1f} us",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
