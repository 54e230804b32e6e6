"""OCR speed in pages/min: `sleuth ingest` of scanned pages beside plain `tesseract`, same run.

    python bench/ocr_bench.py                      # ~60 pages
    python bench/ocr_bench.py --quick              # ~12 pages, a smoke run
    python bench/ocr_bench.py --pages 120 --workers 2 --dir /tmp/ocr-pages --keep

Pages: registration forms and letters from the demo generator, Arabic and English (about
3:1 by pages), rendered as clean 300 dpi scans (`render_scan`, the demo trove's clean scan
looks: light speckle, paper tone, no tilt). Most are one-page PNG files; some are image-only
PDFs of one page and a few are multi-page PDFs (three documents in one). Every file has its
own scan seed, so no two pages share pixels and the OCR cache cannot hit.

Baseline (the practical limit of the machine): the same pages as PNG files (PDF pages are
rendered once to 300 dpi greyscale PNG with pypdfium2 before timing), each read by plain
`tesseract IMG stdout -l LANGS` with OMP_THREAD_LIMIT=1, one process per core at a time.
Two variants: `-l ara+eng` for every page, and per language (`-l ara` for Arabic pages,
`-l eng` for English ones, from the generator's truth), because the pipeline picks a model
per page.

Sleuth: `sleuth init` of a fresh case, then `sleuth ingest DIR --case CASE --json --workers N`
as a subprocess on the original files (PNG and PDF). Its JSON summary gives the OCR phase
(`ocr.seconds`, `ocr.pages_read`) and the whole ingest (`seconds`: detecting, storing and
reading the files, PDF rendering, OCR, storing pages and indexing). The wall-clock time of
the process (interpreter start-up included) is shown as well.

Run order: baseline ara+eng, baseline per language, sleuth ingest, baseline per language,
baseline ara+eng; each baseline figure is the mean of the pages/min of its two runs. Ratios
are sleuth pages/min over baseline pages/min from this run. The 1-min load average is printed
before and after each step, to show other work on the cores. CPU seconds (user + system, of
tesseract and of the ingest's whole process tree) are shown as a cross-check: when other work
shares the cores, wall-clock times drift a lot between runs, CPU time much less.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# one cycle of files: five PNG pages, two one-page PDFs, one PDF of three documents
CYCLE = ("png", "png", "pdf", "png", "png", "pdf", "png", "multi")
MULTI_DOCS = 3


@dataclass(frozen=True)
class SourceFile:
    """One file for the ingest: its name, language, format and how many pages it holds."""

    name: str
    lang: str
    fmt: str  # PNG or PDF
    pages: int


def plan(n_pages: int, seed: int) -> list[tuple[SourceFile, Any, Any]]:
    """(file, Doc, ScanOptions) until at least `n_pages` pages; Arabic:English about 3:1."""
    from sleuth.demo.forms import compose_form, scan_options
    from sleuth.demo.letters import compose_letter
    from sleuth.demo.render.image import layout_pages
    from sleuth.demo.story import build_story

    story = build_story(seed)
    rng = random.Random(seed)
    made = 0

    def compose(lang: str) -> Any:
        nonlocal made
        made += 1
        if made % 3 == 0:
            event = story.events[(made * 7) % len(story.events)]
            return compose_letter(story, [event], lang, rng)[0]
        return compose_form(story, story.recruits[made % len(story.recruits)], lang, rng)[0]

    files: list[tuple[SourceFile, Any, Any]] = []
    pages = {"ar": 0, "en": 0}
    n = 0
    while pages["ar"] + pages["en"] < n_pages:
        kind = CYCLE[n % len(CYCLE)]
        lang = "en" if pages["en"] * 3 < pages["ar"] else "ar"
        if kind == "multi":
            parts = [compose(lang) for _ in range(MULTI_DOCS)]
            doc = dataclasses.replace(parts[0], blocks=[b for p in parts for b in p.blocks])
        else:
            doc = compose(lang)
        fmt = "PNG" if kind == "png" else "PDF"
        # the demo trove's clean scan look, with a seed of its own for every file
        opts = dataclasses.replace(scan_options(rng, fmt, clean=True), seed=seed * 1_000_000 + n)
        count = 1 if fmt == "PNG" else len(layout_pages(doc, opts.dpi))
        files.append((SourceFile(f"{n:03d}-{lang}-{kind}.{fmt.lower()}", lang, fmt, count), doc, opts))
        pages[lang] += count
        n += 1
    return files


def _render(job: tuple[Any, Any]) -> bytes:
    from sleuth.demo.render.image import render_scan

    return render_scan(*job)


def pdf_to_pngs(pdf: bytes, stem: Path, dpi: int = 300) -> list[Path]:
    """Every page of a PDF as a greyscale PNG at `dpi` (what the baseline reads)."""
    import pypdfium2 as pdfium

    out = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(doc)):
            image = doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            path = stem.with_name(f"{stem.name}-p{i + 1}.png")
            image.save(path, dpi=(dpi, dpi))
            out.append(path)
    finally:
        doc.close()
    return out


def make_pages(folder: Path, n_pages: int, workers: int, seed: int = 7
               ) -> tuple[list[SourceFile], list[tuple[Path, str]]]:
    """Write the source files to folder/files and the baseline's PNG pages to folder/pngs.
    Returns the files and the baseline pages (PNG path, language)."""
    src, pngs = folder / "files", folder / "pngs"
    src.mkdir(parents=True)
    pngs.mkdir()
    files = plan(n_pages, seed)
    with ProcessPoolExecutor(workers) as pool:
        blobs = list(pool.map(_render, [(doc, opts) for _, doc, opts in files]))
    pages: list[tuple[Path, str]] = []
    for (f, _, _), blob in zip(files, blobs, strict=True):
        (src / f.name).write_bytes(blob)
        if f.fmt == "PNG":
            pages.append((src / f.name, f.lang))
        else:
            got = pdf_to_pngs(blob, pngs / Path(f.name).stem)
            if len(got) != f.pages:
                raise SystemExit(f"{f.name}: {len(got)} pages rendered, {f.pages} laid out")
            pages += [(p, f.lang) for p in got]
    return [f for f, _, _ in files], pages


def children_cpu() -> float:
    """User + system CPU seconds of every finished child process (and theirs) so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def baseline(pages: list[tuple[Path, str]], workers: int, per_language: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) for plain tesseract to read every page, `workers`
    single-threaded processes at a time."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    models = {"ar": "ara", "en": "eng"}

    def read(page: tuple[Path, str]) -> None:
        path, lang = page
        subprocess.run(["tesseract", str(path), "stdout", "-l", models[lang] if per_language else "ara+eng"],
                       env=env, check=True, capture_output=True)

    cpu, start = children_cpu(), time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(read, pages))
    return time.perf_counter() - start, children_cpu() - cpu


def sleuth_ingest(src: Path, case: Path, workers: int) -> tuple[dict[str, Any], float, float]:
    """The ingest's JSON summary, its wall-clock seconds (process start-up included) and the
    CPU seconds of its process tree (workers and tesseract runs included)."""
    sleuth = [sys.executable, "-m", "sleuth.cli"]
    subprocess.run([*sleuth, "init", str(case)], check=True, capture_output=True)
    cpu, start = children_cpu(), time.perf_counter()
    proc = subprocess.run([*sleuth, "ingest", str(src), "--case", str(case), "--json",
                           "--workers", str(workers)], capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu
    try:
        summary = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-4000:])
        raise SystemExit(f"sleuth ingest failed (exit {proc.returncode})") from None
    summary["exit"] = proc.returncode
    return summary, wall, cpu


def machine() -> str:
    """Cores, CPU model, tesseract version, Python."""
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
    tess = (version.stdout or version.stderr).splitlines()[0]
    return f"{os.cpu_count()} cores ({cpu}), {tess}, Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=60, help="at least this many pages (default 60)")
    ap.add_argument("--quick", action="store_true", help="a ~12-page smoke run")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                    help="tesseract processes for the baseline, --workers for sleuth (default: cores)")
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the pages and the case")
    args = ap.parse_args()
    n_pages = 12 if args.quick else args.pages
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="sleuth-ocr-bench-", dir=args.dir))
    else:
        work = Path(tempfile.mkdtemp(prefix="sleuth-ocr-bench-"))
    try:
        t = time.perf_counter()
        files, pages = make_pages(work, n_pages, args.workers)
        total = len(pages)
        by_lang = {lang: sum(1 for _, g in pages if g == lang) for lang in ("ar", "en")}
        pdfs = [f for f in files if f.fmt == "PDF"]
        print(f"pages: {total} in {len(files)} files, rendered in {time.perf_counter() - t:.1f} s",
              file=sys.stderr)

        loads = [os.getloadavg()[0]]

        cpu: dict[str, float] = {"mixed": 0.0, "lang": 0.0}

        def timed(label: str, per_language: bool) -> float:
            secs, used = baseline(pages, args.workers, per_language)
            cpu["lang" if per_language else "mixed"] += used / 2
            print(f"  {label}: {secs:.1f} s, CPU {used:.1f} s", file=sys.stderr)
            loads.append(os.getloadavg()[0])
            return secs

        mixed = [timed("baseline ara+eng", False)]
        per_lang = [timed("baseline per language", True)]
        summary, wall, cpu["sleuth"] = sleuth_ingest(work / "files", work / "case", args.workers)
        ocr = summary["ocr"]
        print(f"  sleuth ingest: {wall:.1f} s (OCR phase {ocr['seconds']:.1f} s)", file=sys.stderr)
        loads.append(os.getloadavg()[0])
        per_lang.append(timed("baseline per language", True))
        mixed.append(timed("baseline ara+eng", False))

        def rate(secs: float) -> float:
            return 60 * total / secs

        base_mixed = sum(rate(s) for s in mixed) / 2
        base_lang = sum(rate(s) for s in per_lang) / 2
        rows = [
            ("baseline: `tesseract -l ara+eng`, every page", mixed, None),
            ("baseline: `tesseract -l ara` / `-l eng` by the page's language", per_lang, None),
            ("sleuth ingest, OCR phase (`ocr.seconds`)", None, ocr["seconds"]),
            ("sleuth ingest, whole run (`seconds`: files, OCR, indexing)", None, summary["seconds"]),
            ("sleuth ingest, process wall clock (start-up included)", None, wall),
        ]
        print(f"machine: {machine()}")
        print(f"pages: {total} ({by_lang['ar']} Arabic, {by_lang['en']} English) in {len(files)} files: "
              f"{len(files) - len(pdfs)} PNG, {sum(f.pages == 1 for f in pdfs)} one-page PDF, "
              f"{sum(f.pages > 1 for f in pdfs)} multi-page PDF "
              f"({sum(f.pages for f in pdfs if f.pages > 1)} pages); 300 dpi; workers: {args.workers}")
        checks = (f"ocr.pages_read: {ocr['pages_read']} of {total} pages"
                  f" (cached {ocr['pages_cached']}, failed {ocr['pages_failed']}, left {ocr['pages_left']});"
                  f" ingest exit {summary['exit']}, {summary['failed']} files failed")
        print(checks + ("" if ocr["pages_read"] == total else "  ** MISMATCH: not every page was read **"))
        print("1-min load average before and after each step (above the worker count means other work "
              "shared the cores): " + ", ".join(f"{x:.1f}" for x in loads))
        print()
        print("| | seconds | pages/min | ratio to ara+eng baseline | ratio to per-language baseline |")
        print("|---|---|---|---|---|")
        for label, runs, secs in rows:
            if runs is not None:
                mean = sum(rate(s) for s in runs) / 2
                print(f"| {label} (mean of 2 runs) | {runs[0]:.1f} / {runs[1]:.1f} | "
                      f"{mean:.1f} ({rate(runs[0]):.1f} / {rate(runs[1]):.1f}) | "
                      f"{mean / base_mixed:.2f} | {mean / base_lang:.2f} |")
            else:
                r = rate(secs)
                bold = "**" if "OCR phase" in label or "whole run" in label else ""
                print(f"| {label} | {secs:.1f} | {bold}{r:.1f}{bold} | {bold}{r / base_mixed:.2f}{bold} | "
                      f"{bold}{r / base_lang:.2f}{bold} |")
        print()
        print("CPU time (a cross-check that other work on the cores distorts less than wall-clock time;"
              " ratio = the baseline's CPU s/page over this row's):")
        print()
        print("| | CPU s/page | ratio to ara+eng baseline | ratio to per-language baseline |")
        print("|---|---|---|---|")
        for label, key in (("baseline: `tesseract -l ara+eng` (mean of 2 runs)", "mixed"),
                           ("baseline: `tesseract -l ara` / `-l eng` (mean of 2 runs)", "lang"),
                           ("sleuth ingest, whole process tree (start-up, files, OCR, indexing)", "sleuth")):
            print(f"| {label} | {cpu[key] / total:.2f} | {cpu['mixed'] / cpu[key]:.2f} | "
                  f"{cpu['lang'] / cpu[key]:.2f} |")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept: {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
