"""Workbench speed: `sleuth serve` over a real bulk case, 20 users searching, an ingest.

    python bench/web_bench.py --docs 5000 --dir /tmp/wb5k --seconds 30       # try it first
    python bench/web_bench.py --docs 100000 --dir /tmp/wb100k --stop-ingest --py-spy PY_SPY  # the issue's

The case is made as a user makes one: `sleuth demo-trove OUT --size N` (the bulk,
text-heavy trove), `sleuth init`, `sleuth ingest` (entities and events found), `sleuth user
add`. With --dir it is kept and reused (the troves, the case and the ingest's figures).

Then `sleuth serve` runs on a free loopback port and 20 simulated users (one asyncio task
and one logged-in session each) loop: the search page's HTML shell, then the search API
call the page makes, with queries drawn from the trove's vocabulary (English and Arabic
words, phrases, a lang:/type: filter, an event: or date: facet filter); now and then a
hit's document page (shell and API). Each user thinks between actions (--think, jittered).
A probe fetches /static/css/app.css (the cheapest route through the same server) in the
same run, and the library call `search(case, q)` is timed single-threaded without HTTP
over the same queries, so the figures can be read as ratios.

Two load phases: the case at rest, then with a second `sleuth ingest` of a fresh bulk
trove (another seed; written before the phase, not timed) running into the same case; a
poller checks that /api/overview shows the ingest running and the document count growing.
Only requests that start and end while that ingest runs count for the second phase.

Last, the graph in a browser (bench/web_bench_graph.py): Playwright with Debian's
Chromium, /graph?max_nodes=2000.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
SLEUTH = [str(ROOT / ".venv" / "bin" / "sleuth")]
PASSWORD = "bench-password-1"
ADMIN = "bench-admin"
HOST = "127.0.0.1"
Pool = list[tuple[str, str]]  #: (query class, query)
ROUTES = ("search page", "search API", "document page", "document API", "baseline: app.css")


def sleuth(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run one sleuth command; stop with its stderr if it fails for more than some inputs."""
    proc = subprocess.run([*SLEUTH, *args], input=stdin, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"sleuth {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return proc


def write_trove(out: Path, size: int, seed: int) -> None:
    """`sleuth demo-trove OUT --size N --seed S`, unless it is there already."""
    if not (out / "truth.json").exists():
        started = time.perf_counter()
        sleuth(["demo-trove", str(out), "--size", str(size), "--seed", str(seed), "--silent"])
        print(f"demo-trove {out.name}: {size:,} files in {time.perf_counter() - started:.1f} s", flush=True)


def build(work: Path, docs: int, users: int) -> dict[str, Any]:
    """The case, as a user makes it; the first ingest's summary (kept in work/ingest.json)."""
    work.mkdir(parents=True, exist_ok=True)
    write_trove(work / "trove", docs, 7)
    case = work / "case"
    if not (work / "ingest.json").exists():
        sleuth(["init", str(case), "--silent"])
        print(f"ingesting {docs:,} files (entities and events included) ...", flush=True)
        started = time.perf_counter()
        proc = sleuth(["ingest", str(work / "trove" / "trove"), "--case", str(case), "--json", "--silent"])
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        summary["wall_seconds"] = time.perf_counter() - started
        (work / "ingest.json").write_text(json.dumps(summary, indent=1))
    summary = json.loads((work / "ingest.json").read_text())
    known = {u["name"] for u in map(json.loads, sleuth(["user", "list", "--case", str(case), "--json"])
                                    .stdout.splitlines())}
    for name, role in [(ADMIN, "admin")] + [(f"user{i:02d}", "viewer") for i in range(1, users + 1)]:
        if name not in known:
            sleuth(["user", "add", name, "--role", role, "--password-stdin", "--case", str(case)],
                   stdin=PASSWORD + "\n")
    return summary


def next_extra(work: Path, size: int) -> tuple[Path, int]:
    """A bulk trove the case has not seen (each run ingests a new one, so the case grows
    by `size` documents a run): work/extra-SEED/."""
    record = work / "extras-ingested.txt"
    done = set(record.read_text().split()) if record.exists() else set()
    seed = 11
    while f"extra-{seed}" in done:
        seed += 1
    out = work / f"extra-{seed}"
    write_trove(out, size, seed)
    return out, seed


# -- queries ---------------------------------------------------------------------------

def query_pool(case_path: Path, rng: random.Random, n: int = 120) -> list[tuple[str, str]]:
    """(class, query) pairs from the words the bulk trove is made of, and the case's own
    event types and years for the facet filters."""
    from sleuth.case import Case
    from sleuth.demo.bulk import Vocabulary
    from sleuth.search.case_search import search

    voc = Vocabulary(7)

    def words(lang: str) -> list[str]:
        text = " ".join(voc.actors[lang] + voc.places[lang] + voc.charges[lang] + voc.filler[lang])
        return [w for w in re.findall(r"\w+", text) if len(w) > 3 and not w.isdigit()]

    en, ar = words("en"), words("ar")
    case = Case.open(case_path)
    results, _ = search(case, rng.choice(en), limit=1)
    events = list(results.facets.get("event", {})) or ["meeting"]
    years = list(results.facets.get("year", {})) or ["2015"]
    pool: list[tuple[str, str]] = []
    for i in range(n):
        kind = ("word (en)", "word (ar)", "phrase", "filter", "event facet", "date facet")[i % 6]
        if kind == "word (en)":
            q = rng.choice(en)
        elif kind == "word (ar)":
            q = rng.choice(ar)
        elif kind == "phrase":
            lang = rng.choice(("en", "ar"))
            toks = re.findall(r"\w+", voc.sentence(lang, rng))
            j = rng.randrange(max(1, len(toks) - 2))
            q = '"' + " ".join(toks[j:j + 2]) + '"'
        elif kind == "filter":
            q = rng.choice([f"{rng.choice(ar)} lang:ar", f"{rng.choice(en)} type:html"])
        elif kind == "event facet":
            q = f"{rng.choice(en)} event:{rng.choice(events)}"
        else:
            q = f"{rng.choice(ar)} date:{rng.choice(years)}"
        pool.append((kind, q))
    return pool


def library_timings(case_path: Path, pool: Pool) -> tuple[list[float], dict[str, list[float]]]:
    """`sleuth.search.case_search.search(case, q)` single-threaded, no HTTP: ms per query;
    and, in a second pass, the same steps one by one (as case_search.search does them)."""
    from sleuth.case import Case
    from sleuth.search.case_search import entity_facet, resolve_entities, search
    from sleuth.search.query import parse_query
    from sleuth.search.snippets import make_snippets

    case = Case.open(case_path)
    search(case, pool[0][1])  # open the index and warm the caches, as the server's first search does
    times = []
    for _, q in pool:
        started = time.perf_counter()
        search(case, q)
        times.append((time.perf_counter() - started) * 1000)
    steps: dict[str, list[float]] = defaultdict(list)
    for _, q in pool:
        t0 = time.perf_counter()
        parsed = resolve_entities(case, parse_query(q))
        t1 = time.perf_counter()
        results = case.index.search(parsed, limit=20, offset=0, facets=True, sort="relevance")
        t2 = time.perf_counter()
        if "entity" in results.facets:
            entity_facet(case, results.facets["entity"])
        t3 = time.perf_counter()
        ids = [h.doc_id for h in results.hits]
        texts = case.store.texts(ids)
        case.store.sha256_for(ids)
        t4 = time.perf_counter()
        for h in results.hits:
            make_snippets(texts.get(h.doc_id, ""), parsed)
        t5 = time.perf_counter()
        for name, a, b in (("parse + resolve entities", t0, t1), ("index: top 20 + 6 facets", t1, t2),
                           ("entity facet names", t2, t3), ("texts of the 20 hits", t3, t4),
                           ("snippets", t4, t5)):
            steps[name].append((b - a) * 1000)
    return times, steps


async def warm_up(url: str, pool: list[tuple[str, str]]) -> None:
    """Each query once, one at a time, before anything is measured: the server opens its
    index and database and fills its caches as it would in its first minutes of use."""
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        (await client.post("/api/login", json={"name": ADMIN, "password": PASSWORD})).raise_for_status()
        for _, q in pool:
            await client.get("/api/search", params={"q": q})


# -- server ----------------------------------------------------------------------------

def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(case: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`sleuth serve --case CASE --port FREE` on 127.0.0.1, stopped however the block ends."""
    port = free_port()
    with log.open("wb") as handle:
        command = [*SLEUTH, "serve", "--case", str(case), "--host", HOST, "--port", str(port)]
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
        url = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                if process.poll() is not None:
                    raise SystemExit(f"sleuth serve exited {process.returncode}:\n{log.read_text()}")
                try:
                    if httpx.get(url + "/login", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"sleuth serve did not answer within 120 s:\n{log.read_text()}")
                time.sleep(0.2)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# -- load ------------------------------------------------------------------------------

@dataclass
class Sample:
    """One request as a user saw it."""

    route: str
    started: float
    ended: float
    status: int
    took_ms: float | None = None  #: the search's own time, as the API reports it

    @property
    def ms(self) -> float:
        return (self.ended - self.started) * 1000


@dataclass
class Load:
    """What one load phase measured."""

    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    client_cpu: float = 0.0


async def timed_get(client: httpx.AsyncClient, load: Load, route: str, url: str,
                    headers: dict[str, str] | None = None) -> httpx.Response | None:
    """GET `url`, record its latency under `route`; None (and an error noted) on failure."""
    started = time.perf_counter()
    try:
        response = await client.get(url, headers=headers)
        await response.aread()
    except httpx.HTTPError as exc:
        load.errors.append(f"{route}: {type(exc).__name__} {exc}")
        return None
    sample = Sample(route, started, time.perf_counter(), response.status_code)
    if response.status_code != 200:
        load.errors.append(f"{route}: HTTP {response.status_code} {url}")
    elif route == "search API":
        sample.took_ms = float(response.json().get("took_ms", 0.0))
    load.samples.append(sample)
    return response


HTML = {"accept": "text/html,application/xhtml+xml"}


async def logged_in(url: str, name: str) -> httpx.AsyncClient:
    """A client with its own session (logins are not timed: argon2 is slow on purpose)."""
    client = httpx.AsyncClient(base_url=url, timeout=60)
    (await client.post("/api/login", json={"name": name, "password": PASSWORD})).raise_for_status()
    return client


async def user(client: httpx.AsyncClient, pool: Pool, load: Load, deadline: float, think: float,
               rounds: int, doc_share: float, seed: int) -> None:
    """One person: search (page shell, then its API call), sometimes open a hit (document
    shell, then its API call), thinking in between."""
    rng = random.Random(seed)
    try:
        await asyncio.sleep(rng.uniform(0, think))  # people do not all start in the same millisecond
        for _ in range(rounds):
            if time.perf_counter() >= deadline:
                return
            _, q = rng.choice(pool)
            quoted = httpx.QueryParams({"q": q})
            await timed_get(client, load, "search page", f"/search?{quoted}", HTML)
            found = await timed_get(client, load, "search API",
                                    f"/api/search?{quoted}&offset=0&limit=20&sort=relevance")
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            hits = found.json().get("hits", []) if found is not None and found.status_code == 200 else []
            if hits and rng.random() < doc_share and time.perf_counter() < deadline:
                doc = rng.choice(hits)["id"]
                await timed_get(client, load, "document page", f"/documents/{doc}?{quoted}", HTML)
                await timed_get(client, load, "document API", f"/api/documents/{doc}?{quoted}")
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    finally:
        await client.aclose()


async def probe(url: str, load: Load, deadline: float, every: float) -> None:
    """The cheapest route through the same server, at the users' pace."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        while time.perf_counter() < deadline:
            await timed_get(client, load, "baseline: app.css", "/static/css/app.css")
            await asyncio.sleep(every)


async def run_load(url: str, pool: list[tuple[str, str]], args: argparse.Namespace, phase_seed: int) -> Load:
    """`args.users` users and the probe for `args.seconds` (or `args.rounds` rounds each)."""
    load = Load()
    clients = [await logged_in(url, f"user{i:02d}") for i in range(1, args.users + 1)]
    cpu, started = time.process_time(), time.perf_counter()
    deadline = started + args.seconds
    tasks = [user(client, pool, load, deadline, args.think, args.rounds, args.doc_share,
                  phase_seed * 1000 + i) for i, client in enumerate(clients)]
    tasks.append(probe(url, load, deadline, max(args.think / 4, 0.1)))
    await asyncio.gather(*tasks)
    load.seconds = time.perf_counter() - started
    load.client_cpu = time.process_time() - cpu
    return load


class IngestWatch:
    """A background `sleuth ingest` and what the server's overview said while it ran."""

    def __init__(self, url: str, case: Path, source: Path, every: float = 2.0) -> None:
        self.url, self.case, self.source, self.every = url, case, source, every
        self.seen: list[tuple[float, bool, int]] = []  # (time, ingest.running, documents)
        self.started = self.ended = 0.0
        self.process: subprocess.Popen[str] | None = None
        self.summary: dict[str, Any] = {}
        self.stopped = False  #: interrupted after the load (--stop-ingest)
        self.latency: list[float] = []  #: ms of each /api/overview

    def start(self) -> None:
        self.started = time.perf_counter()
        command = [*SLEUTH, "ingest", str(self.source), "--case", str(self.case), "--json", "--silent"]
        # a shell that started this benchmark in the background made it ignore Ctrl-C, and
        # the ingest would inherit that: it must stop when --stop-ingest interrupts it
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    async def watch(self) -> None:
        """Poll /api/overview until the ingest ends, by default every 2 s as the overview
        page does while an ingest runs (one more user); note when the ingest ended."""
        assert self.process is not None
        async with httpx.AsyncClient(base_url=self.url, timeout=60) as client:
            (await client.post("/api/login", json={"name": ADMIN, "password": PASSWORD})).raise_for_status()
            while self.process.poll() is None:
                try:
                    asked = time.perf_counter()
                    overview = (await client.get("/api/overview")).json()
                    self.latency.append((time.perf_counter() - asked) * 1000)
                    running = bool((overview.get("ingest") or {}).get("running"))
                    self.seen.append((time.perf_counter(), running, int(overview.get("documents", 0))))
                except (httpx.HTTPError, ValueError):
                    pass
                for _ in range(int(self.every * 10)):
                    if self.process.poll() is not None:
                        break
                    await asyncio.sleep(0.1)
        self.ended = time.perf_counter()

    def finish(self) -> None:
        assert self.process is not None
        out, err = self.process.communicate()
        lines = out.strip().splitlines()
        self.summary = json.loads(lines[-1]) if lines else {"error": err[-2000:]}


async def ingest_phase(url: str, pool: list[tuple[str, str]], args: argparse.Namespace,
                       watch: IngestWatch) -> Load:
    """The load while `watch`'s ingest runs; only requests made wholly during it count."""
    watch.start()
    watcher = asyncio.create_task(watch.watch())
    await asyncio.sleep(2)  # let it start reading files
    load = await run_load(url, pool, args, phase_seed=2)
    if args.stop_ingest and watch.process is not None and watch.process.poll() is None:
        watch.stopped = True
        watch.process.send_signal(signal.SIGINT)  # as Ctrl-C: a later run finishes what it left
    await watcher
    await asyncio.to_thread(watch.finish)
    load.samples = [s for s in load.samples if s.started >= watch.started and s.ended <= watch.ended]
    return load


# -- report ----------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    """The p-th percentile (inclusive method)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def table(loads: dict[str, Load], library: list[float]) -> str:
    """One markdown table: per phase and route, p50/p95/p99/count and the p95 ratios."""
    lines = ["| phase | route | count | p50 ms | p95 ms | p99 ms | p95 / app.css p95 | p95 / library p95 |",
             "|---|---|---|---|---|---|---|---|"]
    lib95 = pct(library, 95)
    for phase, load in loads.items():
        by: dict[str, list[float]] = defaultdict(list)
        for s in load.samples:
            if s.status == 200:
                by[s.route].append(s.ms)
        css95 = pct(by["baseline: app.css"], 95)
        for route in ROUTES:
            v = by[route]
            if not v:
                continue
            p95 = pct(v, 95)
            lib = f"{p95 / lib95:.1f}" if route == "search API" else ""
            lines.append(f"| {phase} | {route} | {len(v):,} | {pct(v, 50):.1f} | **{p95:.1f}** "
                         f"| {pct(v, 99):.1f} | {p95 / css95:.1f} | {lib} |")
        took = [s.took_ms for s in load.samples if s.took_ms is not None]
        if took:
            lines.append(f"| {phase} | (search API's took_ms: the index search alone) | {len(took):,} "
                         f"| {pct(took, 50):.1f} | {pct(took, 95):.1f} | {pct(took, 99):.1f} | | |")
    lines.append(f"| idle, 1 thread | library `search(case, q)`, no HTTP | {len(library)} "
                 f"| {pct(library, 50):.1f} | **{lib95:.1f}** | {pct(library, 99):.1f} | | 1.0 |")
    return "\n".join(lines)


def describe(name: str, load: Load) -> str:
    """Throughput, errors and the client's own CPU for one phase."""
    ok = sum(1 for s in load.samples if s.status == 200)
    errors = f", {len(load.errors)} errors (first: {load.errors[0]})" if load.errors else ""
    rate = ok / max(load.seconds, 1e-9)
    return (f"{name}: {ok:,} requests in {load.seconds:.1f} s ({rate:.1f}/s), "
            f"client CPU {load.client_cpu:.1f} s{errors}")


def main() -> None:
    from web_bench_profile import profile_summary, start_profile

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000, help="Files of the case's bulk trove.")
    ap.add_argument("--dir", type=Path, required=True, help="Build in (and keep) this folder; reused.")
    ap.add_argument("--extra", type=int, default=0,
                    help="Files of the ingest run during the load (default: docs/10, 2,000 to 20,000).")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60, help="Length of each load phase.")
    ap.add_argument("--rounds", type=int, default=10_000, help="At most this many searches a user and phase.")
    ap.add_argument("--think", type=float, default=1.0, help="Seconds a user thinks (jittered ±50%%).")
    ap.add_argument("--doc-share", type=float, default=0.3, help="Share of searches then opening a hit.")
    ap.add_argument("--build-only", action="store_true", help="Make the case and stop.")
    ap.add_argument("--no-ingest", action="store_true", help="Skip the phase with an ingest running.")
    ap.add_argument("--stop-ingest", action="store_true",
                    help="Interrupt the background ingest when its load phase ends (else wait for it).")
    ap.add_argument("--overview-every", type=float, default=2.0,
                    help="Seconds between /api/overview polls while the ingest runs (the page's own: 2).")
    ap.add_argument("--py-spy", metavar="PROGRAM", help="Profile the server with py-spy during the load.")
    ap.add_argument("--no-graph", action="store_true", help="Skip the browser's graph measurements.")
    ap.add_argument("--graph-nodes", type=int, default=2000)
    args = ap.parse_args()
    extra = args.extra or min(20_000, max(2_000, args.docs // 10))

    summary = build(args.dir, args.docs, args.users)
    case = args.dir / "case"
    new, seconds = int(summary.get("documents_new", 0)), float(summary["wall_seconds"])
    extract = summary.get("extract") or {}
    print(f"case: {new:,} documents; first ingest {seconds:.0f} s ({new / seconds:.0f} docs/s), of which "
          f"finding mentions {extract.get('seconds', '?')} s; entities {summary.get('entities')}", flush=True)
    if args.build_only:
        return
    extra_dir, extra_seed = (None, 0) if args.no_ingest else next_extra(args.dir, extra)
    pool = query_pool(case, random.Random(5))
    library, steps = library_timings(case, pool)
    print(f"library search, idle, 1 thread: p50 {pct(library, 50):.1f} ms, p95 {pct(library, 95):.1f} ms "
          f"({len(library)} queries); by step, p50 / p95 ms:", flush=True)
    for name, values in steps.items():
        print(f"  {name}: {pct(values, 50):.1f} / {pct(values, 95):.1f}", flush=True)
    print(f"load: {args.users} users, think {args.think} s, {args.seconds:.0f} s a phase; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)

    loads: dict[str, Load] = {}
    with served(case, args.dir / "serve.log") as (url, server):
        asyncio.run(warm_up(url, pool))
        spy = start_profile(args.py_spy, server.pid, args.seconds - 2, args.dir / "profile-rest.txt")
        loads["at rest"] = asyncio.run(run_load(url, pool, args, phase_seed=1))
        print(describe("at rest", loads["at rest"]), flush=True)
        print(profile_summary(spy, args.dir / "profile-rest.txt"), flush=True)
        if extra_dir is not None:
            watch = IngestWatch(url, case, extra_dir / "trove", args.overview_every)
            spy = start_profile(args.py_spy, server.pid, args.seconds, args.dir / "profile-ingest.txt")
            loads["ingest running"] = asyncio.run(ingest_phase(url, pool, args, watch))
            print(profile_summary(spy, args.dir / "profile-ingest.txt"), flush=True)
            with (args.dir / "extras-ingested.txt").open("a") as done:
                done.write(f"extra-{extra_seed}\n")
            print(describe("ingest running", loads["ingest running"]), flush=True)
            running = [s for s in watch.seen if s[1]]
            print(f"ingest of {extra:,} new files: {watch.ended - watch.started:.0f} s; the overview showed "
                  f"it running in {len(running)} of {len(watch.seen)} polls; documents "
                  f"{watch.seen[0][2] if watch.seen else '?'} -> {watch.seen[-1][2] if watch.seen else '?'}; "
                  f"ingest summary: new {watch.summary.get('documents_new')}, "
                  f"seconds {watch.summary.get('seconds')}; "
                  f"/api/overview p50 {pct(watch.latency, 50):.0f} ms, "
                  f"max {max(watch.latency, default=0):.0f} ms", flush=True)
            load = loads["ingest running"]
            end = "interrupted at the end of the phase" if watch.stopped else "ran to its end"
            print(f"(load phase {load.seconds:.0f} s, after the ingest's first 2 s; it {end})", flush=True)
        print(table(loads, library), flush=True)
        if not args.no_graph:
            from web_bench_graph import graph_report

            print(graph_report(url, ADMIN, PASSWORD, args.graph_nodes), flush=True)


if __name__ == "__main__":
    main()
