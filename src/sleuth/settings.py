"""One settings table (name, default, help), applied in layers.

Order: defaults, `sleuth.toml` in the case folder, environment (`SLEUTH_<NAME>`),
then command-line overrides.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GiB = 1024**3
MiB = 1024**2


@dataclass(frozen=True)
class Setting:
    """One row of the settings table."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("workers", 0, "Worker processes for ingest; 0 means one per CPU core."),
    Setting("max_file_bytes", 4 * GiB, "Files larger than this are recorded but not read."),
    Setting("archive_max_total_bytes", 8 * GiB,
            "Cap on bytes unpacked from one archive, nested members included."),
    Setting("archive_max_members", 100_000, "Cap on members unpacked from one archive, nested included."),
    Setting("archive_max_depth", 8, "Cap on archive nesting depth (a zip in a zip is depth 2)."),
    Setting("archive_max_ratio", 200, "Cap on a member's uncompressed/compressed size ratio (zip bombs)."),
    Setting("pdf_min_chars_per_page", 20, "A PDF page with fewer text-layer characters is marked needs_ocr."),
    Setting("ocr_languages", "auto",
            "OCR languages: auto (chosen per page: Arabic, English or both) or tesseract's form, "
            "e.g. ara, eng, ara+eng."),
    Setting("ocr_pdf_dpi", 300, "Resolution at which image-only PDF pages are rendered for OCR."),
    Setting("ocr_max_pixels", 100_000_000,
            "Pages larger than this many pixels are not OCR'd (decompression bombs); PDF pages "
            "are rendered at a lower resolution instead."),
    Setting("ocr_page_timeout", 180, "Seconds OCR of one page may take before it is recorded as failed."),
    Setting("read_timeout", 300, "Seconds one file may take to read before it is recorded as a failure."),
    Setting("index_commit_every", 5000, "Documents between search index commits during ingest."),
    Setting("search_limit", 20, "Default number of search results."),
    Setting("spacy_pipeline", "",
            "A spaCy pipeline (an installed package's name or a folder) whose entities are added to "
            "the gazetteer's and the rules' (and whose parser, if it has one, gives events their "
            "source and target); needs spaCy: pip install 'sleuth[nlp]'. Empty: none."),
    Setting("enemies", [],
            "Pairs of actors the analyst knows to be enemies, whatever the events say, e.g. "
            "[[\"Islamic State\", \"Syrian government\"]]; in the environment 'A | B; C | D'."),
    Setting("enemy_min_conflict", 3,
            "Material-conflict events between two sides that make them enemies for `sleuth collusion`."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings(Mapping[str, Any]):
    """Resolved settings. Read as attributes (`settings.workers`) or as a mapping."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        merged = {s.name: s.default for s in SETTINGS}
        for name, value in (values or {}).items():
            merged[name] = _coerce(name, value)
        self._values = merged

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **overrides: Any) -> Settings:
        """A copy with some values replaced (None values are ignored)."""
        values = dict(self._values)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return Settings(values)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Settings, (self._values,))


def _coerce(name: str, value: Any) -> Any:
    if name not in _BY_NAME:
        known = ", ".join(sorted(_BY_NAME))
        raise ValueError(f"Unknown setting {name!r}. Known settings: {known}")
    default = _BY_NAME[name].default
    if isinstance(default, list):
        return _pairs(value) if name == "enemies" else list(value)
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        return bool(value)
    if isinstance(default, int) and not isinstance(value, int):
        return int(value)
    if isinstance(default, float) and not isinstance(value, float):
        return float(value)
    return value


def _pairs(value: Any) -> list[list[str]]:
    """Pairs of names, from TOML ([["A", "B"]]) or the environment ("A | B; C | D")."""
    if isinstance(value, str):
        value = [part.split("|") for part in value.split(";") if part.strip()]
    pairs = [[str(n).strip() for n in pair] for pair in value]
    bad = [p for p in pairs if len(p) != 2 or not all(p)]
    if bad:
        raise ValueError(f"Setting 'enemies' wants pairs of two names, e.g. [[\"A\", \"B\"]]; got {bad[0]!r}")
    return pairs


def load_settings(case_dir: Path | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Resolve settings: defaults, then `sleuth.toml` in the case, environment, overrides."""
    values: dict[str, Any] = {}
    if case_dir is not None:
        toml_path = case_dir / "sleuth.toml"
        if toml_path.is_file():
            with toml_path.open("rb") as fh:
                values.update(tomllib.load(fh))
    for setting in SETTINGS:
        env = os.environ.get(f"SLEUTH_{setting.name.upper()}")
        if env is not None:
            values[setting.name] = env
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return Settings(values)
