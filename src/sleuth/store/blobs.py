"""Content-addressed store of originals: `blobs/ab/cd/<sha256>`, written once, never modified."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

CHUNK = 1024 * 1024


class BlobStore:
    """Keeps every original byte-for-byte under its sha256."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def create(self) -> None:
        """Make the folders (idempotent)."""
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        """Where the blob with this hash lives (it may not exist)."""
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        return self.path(sha256).is_file()

    def put_file(self, source: Path) -> tuple[str, int]:
        """Copy a file in, hashing as it streams. Returns (sha256, size). The source is untouched."""
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="in-")
        digest = hashlib.sha256()
        size = 0
        try:
            with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    size += len(chunk)
            return self._settle(Path(tmp_name), digest.hexdigest()), size
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def adopt(self, tmp_file: Path) -> tuple[str, int]:
        """Move a temp file (an unpacked archive member) into the store. Returns (sha256, size)."""
        digest = hashlib.sha256()
        size = 0
        with tmp_file.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        sha = digest.hexdigest()
        target = self.path(sha)
        if target.exists():
            tmp_file.unlink()
            return sha, size
        staged = Path(tempfile.mkstemp(dir=self.tmp, prefix="adopt-")[1])
        shutil.move(str(tmp_file), staged)
        return self._settle(staged, sha), size

    def _settle(self, tmp_file: Path, sha: str) -> str:
        target = self.path(sha)
        if target.exists():
            tmp_file.unlink()
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp_file.chmod(0o444)  # originals are never modified
        os.replace(tmp_file, target)  # atomic: a crash leaves either nothing or the whole blob
        return sha

    def clean_tmp(self) -> None:
        """Remove leftovers of an interrupted run."""
        if self.tmp.is_dir():
            for leftover in self.tmp.iterdir():
                leftover.unlink(missing_ok=True)
