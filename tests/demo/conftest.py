"""Helpers of the demo tests (the demo fixtures themselves are in tests/demo_data.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.demo_data import DemoTrove

__all__ = ["DemoTrove", "pdftotext", "strip_bidi"]


def pdftotext(path: Path) -> str:
    """The text layer as the ingest reads it, bidi control characters removed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return strip_bidi(out.decode("utf-8"))


def strip_bidi(text: str) -> str:
    """Remove the embedding marks pdftotext adds around right-to-left runs."""
    return text.translate({c: None for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)})
