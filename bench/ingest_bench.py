"""Ingest throughput and memory, beside a plain baseline measured in the same run.

    python bench/ingest_bench.py --docs 20000
    python bench/ingest_bench.py --docs 100000          # the issue's memory figure

Peak RSS is the summed resident memory of the ingest process and its workers, sampled
every 0.1 s.

Baseline: a bare loop that reads and sha256-hashes every file (what any ingest must do),
run with the same number of processes. The ratio says what reading, storing and
indexing cost on top of that.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil


def make_corpus(root: Path, n: int) -> None:
    """The bulk demo trove (`sleuth demo-trove --size n`): ~2 KB text, HTML and e-mail files,
    with a few CSV and PDF files and ~1% exact duplicates, in folders of 1000."""
    from sleuth.demo.bulk import write_bulk_trove

    write_bulk_trove(root, size=n)


def _hash_files(paths: list[str]) -> int:
    for p in paths:
        with open(p, "rb") as fh:
            hashlib.sha256(fh.read()).hexdigest()
    return len(paths)


def baseline(root: Path, workers: int) -> float:
    """Seconds for a bare read+hash of every file with `workers` processes."""
    paths = [str(p) for p in root.rglob("*") if p.is_file()]
    chunks = [paths[i:i + 500] for i in range(0, len(paths), 500)]
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        sum(pool.map(_hash_files, chunks))
    return time.perf_counter() - start


def peak_rss_of(proc: subprocess.Popen[bytes], stop: threading.Event, out: list[int]) -> None:
    """Sample the summed RSS of a process and its children until it ends."""
    peak = 0
    parent = psutil.Process(proc.pid)
    while not stop.is_set():
        try:
            total = parent.memory_info().rss + sum(
                c.memory_info().rss for c in parent.children(recursive=True))
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out.append(peak)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep", action="store_true", help="Keep the generated files.")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sleuth-bench-"))
    try:
        t = time.perf_counter()
        make_corpus(work / "demo", args.docs)
        src = work / "demo" / "trove"
        print(f"corpus: {args.docs} files in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        base = baseline(src, args.workers)
        sleuth = [sys.executable, "-m", "sleuth.cli"]
        subprocess.run([*sleuth, "init", str(work / "case")], check=True, capture_output=True)
        start = time.perf_counter()
        proc = subprocess.Popen([*sleuth, "ingest", str(src), "--case", str(work / "case"),
                                 "--silent", "--workers", str(args.workers)],
                                stdout=subprocess.DEVNULL)
        stop, peak = threading.Event(), []  # type: ignore[var-annotated]
        sampler = threading.Thread(target=peak_rss_of, args=(proc, stop, peak))
        sampler.start()
        proc.wait()
        elapsed = time.perf_counter() - start
        stop.set()
        sampler.join()
        rate, base_rate = args.docs / elapsed, args.docs / base
        print(f"docs: {args.docs}  workers: {args.workers}")
        print(f"baseline read+hash: {base:.2f} s = {base_rate:,.0f} docs/s")
        print(f"sleuth ingest:      {elapsed:.2f} s = {rate:,.0f} docs/s "
              f"(exit {proc.returncode})")
        print(f"ratio sleuth/baseline throughput: {rate / base_rate:.3f}")
        print(f"peak RSS (ingest process tree): {peak[0] / 2**20:,.0f} MiB")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
