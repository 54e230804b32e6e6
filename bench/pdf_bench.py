"""PDF text-layer throughput in pages/s, beside bare `pdftotext` runs in the same run.

    python bench/pdf_bench.py --files 40 --pages 50

Files: PDFs written with fpdf2, ~1,800 characters of English text a page. Baseline: one
`pdftotext` process per file, two at a time (what reading a text layer costs at the least).
Sleuth: `sleuth ingest` of the same folder with two workers (detection, pdfinfo, pdftotext,
storing pages, indexing).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fpdf import FPDF

WORDS = ("oil fertiliser shipment convoy withdrawal Palmyra Raqqa army government deal weapons order "
         "emir brigade checkpoint border crossing truck barrels tonnes price agreement").split()


def make_pdfs(folder: Path, files: int, pages: int) -> None:
    rng = random.Random(3)
    folder.mkdir(parents=True)
    for n in range(files):
        pdf = FPDF()
        pdf.set_font("helvetica", size=10)
        for _ in range(pages):
            pdf.add_page()
            pdf.multi_cell(0, 5, " ".join(rng.choice(WORDS) for _ in range(260)))
        pdf.output(str(folder / f"report-{n:03d}.pdf"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--pages", type=int, default=50)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sleuth-pdf-bench-"))
    try:
        src = work / "pdfs"
        make_pdfs(src, args.files, args.pages)
        total = args.files * args.pages
        files = sorted(src.iterdir())
        start = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda p: subprocess.run(["pdftotext", "-layout", str(p), "-"],
                                                   capture_output=True, check=True), files))
        base = time.perf_counter() - start
        sleuth = [sys.executable, "-m", "sleuth.cli"]
        subprocess.run([*sleuth, "init", str(work / "case")], check=True, capture_output=True)
        start = time.perf_counter()
        subprocess.run([*sleuth, "ingest", str(src), "--case", str(work / "case"), "--silent",
                        "--workers", "2"], check=True, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        print(f"PDFs: {args.files} x {args.pages} pages = {total} pages")
        print(f"baseline pdftotext: {base:.2f} s = {total / base:,.0f} pages/s")
        print(f"sleuth ingest:      {elapsed:.2f} s = {total / elapsed:,.0f} pages/s")
        print(f"ratio sleuth/baseline throughput: {base / elapsed:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
