"""Where the workbench server's time goes under bench/web_bench.py's load: a `py-spy
record` of the server process per load phase, summed per function."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path


def start_profile(py_spy: str | None, pid: int, seconds: float, out: Path) -> subprocess.Popen[bytes] | None:
    """`py-spy record` of the server for a phase (raw collapsed stacks), when asked for."""
    if not py_spy:
        return None
    return subprocess.Popen([py_spy, "record", "--pid", str(pid), "--duration", str(max(1, int(seconds))),
                             "--rate", "50", "--nonblocking", "--format", "raw", "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def profile_summary(proc: subprocess.Popen[bytes] | None, out: Path, top: int = 12) -> str:
    """Busy server threads' samples by route handler (the first sleuth.web frame) and by
    the deepest sleuth function on the stack (what sleuth code the time is spent under,
    libraries it calls included)."""
    if proc is None:
        return ""
    proc.wait()
    if not out.exists():
        return f"(py-spy wrote no profile to {out})"
    handler: dict[str, int] = defaultdict(int)
    deepest: dict[str, int] = defaultdict(int)
    total = 0
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [re.sub(r":\d+\)$", ")", f) for f in stack.split(";")]  # per function, not line
        ours = [f for f in frames if "sleuth/" in f]
        web = [f for f in ours if "sleuth/web/" in f and "serve.py" not in f]
        handler[web[0] if web else "(no handler: uvicorn's event loop, middleware, static files)"] += n
        if ours and "serve.py" in ours[-1]:
            deepest["(uvicorn's event loop: HTTP, middleware, responses)"] += n
        else:
            inside = ours and ours[-1] not in web[:1]
            deepest[ours[-1] if inside else "(the framework, in a handler's thread)"] += n
    lines = [f"py-spy, {total:,} samples of busy server threads ({out}); by route handler:"]
    lines += _shares(handler, total, top)
    lines.append("  by the deepest sleuth function on the stack:")
    lines += _shares(deepest, total, top)
    return "\n".join(lines)


def _shares(counts: dict[str, int], total: int, top: int) -> list[str]:
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
    return [f"  {100 * n / max(total, 1):5.1f}%  {k}" for k, n in ranked]
