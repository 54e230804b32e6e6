"""A case: a folder holding the database, the blob store of originals and the search index."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sleuth.errors import CaseError
from sleuth.settings import SETTINGS, Settings, load_settings
from sleuth.store import BlobStore, Store

if TYPE_CHECKING:
    from sleuth.search.base import SearchIndex

DB_NAME = "case.db"
MARKER = "sleuth.toml"


class Case:
    """An opened case. Use `Case.init(path)` to make one and `Case.open(path)` to use one."""

    def __init__(self, root: Path, settings: Settings) -> None:
        self.root = root
        self.settings = settings
        self.store = Store(f"sqlite:///{root / DB_NAME}")
        self.blobs = BlobStore(root / "blobs")
        self.tmp = root / "tmp"

    @classmethod
    def init(cls, root: Path) -> Case:
        """Create a case folder (idempotent: an existing case is opened as it is)."""
        root = root.expanduser().resolve()
        if root.exists() and not root.is_dir():
            raise CaseError(f"Cannot create a case at {root}: a file with that name exists.")
        if root.is_dir() and any(root.iterdir()) and not (root / MARKER).exists():
            raise CaseError(
                f"Cannot create a case in {root}: the folder is not empty and is not a case.\n"
                "Choose a new or empty folder, e.g.: sleuth init ./my-case"
            )
        root.mkdir(parents=True, exist_ok=True)
        marker = root / MARKER
        if not marker.exists():
            marker.write_text(_settings_template(), encoding="utf-8")
        case = cls(root, load_settings(root))
        case.store.create()
        case.blobs.create()
        case.tmp.mkdir(exist_ok=True)
        return case

    @classmethod
    def open(cls, root: Path, overrides: dict[str, Any] | None = None) -> Case:
        """Open an existing case folder."""
        root = root.expanduser().resolve()
        if not (root / MARKER).is_file() or not (root / DB_NAME).is_file():
            raise CaseError(
                f"{root} is not a Sleuth case.\nCreate one with: sleuth init {root}"
            )
        case = cls(root, load_settings(root, overrides))
        case.store.create()  # adds tables a newer version needs to an older case
        case.blobs.create()
        case.tmp.mkdir(exist_ok=True)
        return case

    @cached_property
    def index(self) -> SearchIndex:
        """The case's full-text index (opened on first use; rebuilt from the database when an
        older version of Sleuth made it)."""
        from sleuth.search.indexing import open_case_index

        return open_case_index(self)

    def close(self) -> None:
        """Close the index and the database."""
        if "index" in self.__dict__:
            self.index.close()
            del self.__dict__["index"]
        self.store.close()


def _settings_template() -> str:
    lines = ["# Sleuth case settings. Uncomment a line to change it for this case.",
             "# Environment variables SLEUTH_<NAME> and command-line flags override these.", ""]
    for setting in SETTINGS:
        lines.append(f"# {setting.help}")
        value = f'"{setting.default}"' if isinstance(setting.default, str) else setting.default
        lines.append(f"# {setting.name} = {value}")
        lines.append("")
    return "\n".join(lines)
