"""Shared fixtures: paths to the shared corpora, a fresh case, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.demo_data import demo_case, demo_trove

__all__ = ["demo_case", "demo_trove"]  # fixtures for every test folder

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES_CORPUS = SHARED / "corpora" / "ingest-file-fixtures"
SLEUTH = [sys.executable, "-m", "sleuth.cli"]


@pytest.fixture
def case(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new, empty case."""
    from sleuth.case import Case

    c = Case.init(tmp_path / "case")
    yield c
    c.close()


def run_cli(*args: str, check: bool = False, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `sleuth ARGS` in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([*SLEUTH, *args], capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"sleuth {' '.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc
