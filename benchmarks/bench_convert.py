"""Throughput and memory of ``conflict-events convert``, run as users run it (the console script).

Measures, each with 1 and 2 worker processes:

- the ACLED dev notes (``/work/shared/data/acled/dev.csv``; read at run time, never copied),
- 10,000 generated wire-style articles (``benchmarks/make_corpus.py``),

and the peak resident memory (RSS) of the whole process tree (the command, the fork server
and the workers) while converting 10,000 and 100,000 generated articles. Prints a table and
writes the figures as JSON with ``--json FILE``.

Usage::

    python benchmarks/bench_convert.py [--dev PATH] [--sizes 10000 100000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.make_corpus import generate_articles  # noqa: E402

DEV = Path("/work/shared/data/acled/dev.csv")
SCRIPT = Path(sys.executable).parent / "conflict-events"
SUMMARY = re.compile(r"^(\d+) records: .*?; ([\d.]+) s, \d+ docs/s, (\d+) worker", re.MULTILINE)
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _pss(pid: int) -> int:
    """Proportional set size: shared pages split between the processes sharing them (no double count)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except OSError:
        return 0


class _MemoryWatch:
    """Samples the RSS of a process and all its descendants every 0.1 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_total = self.peak_main = self.peak_worker = self.peak_pss = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            tree = _children()
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo.extend(tree.get(pid, ()))
            sizes = {pid: _rss(pid) for pid in pids}
            for pid in pids:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            self.peak_total = max(self.peak_total, sum(sizes.values()))
            self.peak_pss = max(self.peak_pss, sum(_pss(pid) for pid in pids))
            self.peak_main = max(self.peak_main, sizes.get(self.pid, 0))
            others = [v for pid, v in sizes.items() if pid != self.pid]
            self.peak_worker = max(self.peak_worker, max(others, default=0))
            time.sleep(0.1)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _run(inputs: list[str], out: Path, workers: int, extra: list[str]) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.Popen([str(SCRIPT), "convert", *inputs, "--out", str(out), "--workers", str(workers),
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = _MemoryWatch(proc.pid)
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    watch.stop()
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"convert failed ({proc.returncode}): {err}")
    summary = SUMMARY.search(err)
    if summary is None:
        raise RuntimeError(f"no summary in the output: {err[-500:]}")
    verbose = subprocess.run([str(SCRIPT), "stats", str(out), "--json"], capture_output=True, text=True, check=True)
    stats = json.loads(verbose.stdout)
    return {"wall_s": round(wall, 2), "convert_s": float(summary.group(2)), "exit": proc.returncode,
            "cpu_s": round(sum(watch.cpu.values()), 1), "events": stats["events"],
            "peak_rss_total_mb": round(watch.peak_total / 2**20, 1),
            "peak_pss_total_mb": round(watch.peak_pss / 2**20, 1),
            "peak_rss_main_mb": round(watch.peak_main / 2**20, 1),
            "peak_rss_worker_mb": round(watch.peak_worker / 2**20, 1)}


def _write_generated(path: Path, count: int) -> int:
    words = 0
    with open(path, "w", encoding="utf-8") as handle:
        for article in generate_articles(count, seed=2024):
            words += len(article["text"].split())
            handle.write(json.dumps(article) + "\n")
    return words


def _dev_words(path: Path) -> tuple[int, int]:
    import pandas as pd

    notes = pd.read_csv(path, usecols=["notes"])["notes"].dropna().astype(str)
    return len(notes), int(notes.str.split().str.len().sum())


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="ACLED dev CSV (notes, doc_id, published)")
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles for throughput")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="sizes for peak memory")
    parser.add_argument("--memory-workers", type=int, default=2, help="workers for the memory runs")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()

    results: dict[str, object] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-convert-") as scratch:
        work = Path(scratch)
        corpora: list[tuple[str, list[str], list[str], int, int]] = []
        if args.dev.exists():
            records, words = _dev_words(args.dev)
            corpora.append(("dev notes", [str(args.dev)],
                            ["--text-field", "notes", "--id-field", "doc_id", "--date-field", "published"],
                            records, words))
        generated = work / "generated.jsonl"
        corpora.append((f"{args.articles:,} generated", [str(generated)], [], args.articles,
                        _write_generated(generated, args.articles)))
        for name, inputs, extra, records, words in corpora:
            for workers in (1, 2):
                load = _load()
                figures = _run(inputs, work / "ds", workers, extra)
                figures.update(corpus=name, workers=workers, records=records, words=words, load_before=load,
                               docs_per_s=round(records / figures["wall_s"], 1),
                               words_per_s=round(words / figures["wall_s"]),
                               words_per_s_after_start=round(words / figures["convert_s"]),
                               words_per_cpu_s=round(words / figures["cpu_s"]) if figures["cpu_s"] else None)
                rows.append(figures)
                print(f"{name:>18} | {workers} worker(s) | {figures['wall_s']:6.1f} s wall "
                      f"({figures['convert_s']:.1f} s after start-up) | {figures['docs_per_s']:6.1f} docs/s | "
                      f"{figures['words_per_s']:6,} words/s "
                      f"({figures['words_per_s_after_start']:,} after start-up) | {figures['cpu_s']:.0f} CPU s | "
                      f"{figures['events']} events | load {load}", flush=True)
        results["throughput"] = rows
        memory = []
        for size in args.sizes:
            path = work / f"memory-{size}.jsonl"
            _write_generated(path, size)
            load = _load()
            figures = _run([str(path)], work / "mem", args.memory_workers, [])
            figures.update(records=size, workers=args.memory_workers, load_before=load,
                           docs_per_s=round(size / figures["wall_s"], 1))
            memory.append(figures)
            path.unlink()
            print(f"{size:>10,} docs | {args.memory_workers} workers | {figures['wall_s']:7.1f} s | peak RSS: "
                  f"tree {figures['peak_rss_total_mb']} MB (PSS {figures['peak_pss_total_mb']} MB), "
                  f"main {figures['peak_rss_main_mb']} MB, "
                  f"largest worker {figures['peak_rss_worker_mb']} MB | load {load}", flush=True)
        results["memory"] = memory
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
