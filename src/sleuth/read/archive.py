"""Archives: zip, tar (plain or compressed), 7z, rar, and single-file gzip/bzip2/xz.

Every member is checked before it is taken out: directories are skipped, absolute or
`..` names and links/devices are recorded as failures, and declared sizes go through
`ctx.check_member` (caps on total bytes, member count, expansion ratio). Members are
copied in chunks to temp files under `ctx.tempdir`, stopping if a member turns out
bigger than it said, then handed to `ctx.add_child`.
"""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import lzma
import stat
import tarfile
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sleuth.errors import CorruptError, EncryptedError, LimitExceeded, UnsupportedError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register

CHUNK = 1024 * 1024
SLACK = 1024 * 1024  # bytes a member may exceed its declared size by before we stop

_SINGLE = {".gz": gzip.open, ".tgz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
_MAGIC = {
    b"PK\x03\x04": "zip", b"PK\x05\x06": "zip", b"PK\x07\x08": "zip",
    b"7z\xbc\xaf\x27\x1c": "7z", b"Rar!\x1a\x07": "rar",
    b"\x1f\x8b": "gz", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz",
}


def unsafe_name(name: str) -> str | None:
    """Why a member name is unsafe to unpack, or None if it is fine."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return f"unsafe: member path {name!r} is absolute"
    if ".." in PurePosixPath(norm).parts:
        return f"unsafe: member path {name!r} points outside the archive"
    return None


def refused(ctx: ReadContext, name: str, *, link: bool, special: bool) -> bool:
    """Record a member that must not be unpacked (unsafe name, link, device) and say so."""
    reason = unsafe_name(name)
    if reason is None and link:
        reason = "unsafe: symlink member is not followed"
    elif reason is None and special:
        reason = "unsafe: device or special member is not extracted"
    if reason:
        ctx.add_failure(name, reason)
    return reason is not None


def _copy(src: IO[bytes], ctx: ReadContext, name: str, limit: int) -> Path:
    """Stream src to a temp file under ctx.tempdir; LimitExceeded past `limit` bytes."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix[:16]
    fh = tempfile.NamedTemporaryFile(dir=ctx.tempdir, suffix=suffix, delete=False)  # noqa: SIM115
    path = Path(fh.name)
    written = 0
    try:
        with fh:
            while True:
                chunk = src.read(CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                if written > limit:
                    raise LimitExceeded(
                        f"{name} unpacks to more than {limit} bytes, more than it declared: "
                        "likely an archive bomb")
                fh.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _remaining(ctx: ReadContext) -> int:
    return int(ctx.settings.archive_max_total_bytes)


def _format(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(8)
    for magic, fmt in _MAGIC.items():
        if head.startswith(magic):
            if fmt in {"gz", "bz2", "xz"} and _is_tar(path):
                return "tar"
            return fmt
    if _is_tar(path):
        return "tar"
    raise CorruptError("not a recognised archive (zip, tar, 7z, rar, gz, bz2, xz)")


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except Exception:
        return False


@register
class ArchiveReader(Reader):
    """Zip, tar, 7z, rar and single-file compressed archives; members become children."""

    name = "archive"
    kind = "archive"
    mime_types = frozenset({
        "application/zip", "application/x-zip-compressed", "application/x-tar", "application/gzip",
        "application/x-gzip", "application/x-bzip2", "application/x-xz", "application/x-7z-compressed",
        "application/vnd.rar", "application/x-rar", "application/x-rar-compressed",
        "application/x-compressed-tar", "application/x-gtar",
    })
    extensions = frozenset({".zip", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".tbz2", ".txz", ".7z", ".rar"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        fmt = _format(path)
        handler: Callable[[Path, ReadContext], list[str]] = {
            "zip": self._zip, "tar": self._tar, "7z": self._7z, "rar": self._rar,
            "gz": self._single, "bz2": self._single, "xz": self._single,
        }[fmt]
        names = handler(path, ctx)
        result = ReadResult(pages=[Page(1, "\n".join(names))])
        result.add_meta("archive_format", fmt)
        result.add_meta("members", len(names))
        return result

    # -- zip ---------------------------------------------------------------------------

    def _zip(self, path: Path, ctx: ReadContext) -> list[str]:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise CorruptError(f"damaged zip archive: {exc}") from exc
        names: list[str] = []
        with archive:
            infos = archive.infolist()
            if any(info.flag_bits & 0x1 for info in infos):
                raise EncryptedError("the zip archive is password-protected")
            for info in infos:
                name = info.filename
                if info.is_dir():
                    continue
                names.append(name)
                ftype = stat.S_IFMT(info.external_attr >> 16)
                if refused(ctx, name, link=ftype == stat.S_IFLNK,
                           special=bool(ftype) and ftype not in (stat.S_IFREG, stat.S_IFDIR, stat.S_IFLNK)):
                    continue
                ctx.check_member(name, info.file_size, info.compress_size)
                try:
                    with archive.open(info) as src:
                        tmp = _copy(src, ctx, name, info.file_size + SLACK)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
                    ctx.add_failure(name, f"corrupt: member could not be unpacked ({exc})")
                    continue
                try:
                    mtime = time.mktime((*info.date_time, 0, 0, -1))
                except (OverflowError, ValueError):
                    mtime = None
                ctx.add_child(name, tmp, mtime)
        return names

    # -- tar ---------------------------------------------------------------------------

    def _tar(self, path: Path, ctx: ReadContext) -> list[str]:
        try:
            archive = tarfile.open(path, "r:*")  # noqa: SIM115 (closed below)
        except (tarfile.TarError, OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
            raise CorruptError(f"damaged tar archive: {exc}") from exc
        names: list[str] = []
        with archive:
            try:
                for member in archive:
                    name = member.name
                    if member.isdir():
                        continue
                    names.append(name)
                    if refused(ctx, name, link=member.issym() or member.islnk(), special=not member.isfile()):
                        continue
                    ctx.check_member(name, member.size)
                    src = archive.extractfile(member)
                    if src is None:
                        ctx.add_failure(name, "corrupt: member has no data")
                        continue
                    with src:
                        tmp = _copy(src, ctx, name, member.size + SLACK)
                    ctx.add_child(name, tmp, float(member.mtime) if member.mtime else None)
            except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError) as exc:
                raise CorruptError(f"damaged tar archive: {exc}") from exc
        return names

    # -- 7z ----------------------------------------------------------------------------

    def _7z(self, path: Path, ctx: ReadContext) -> list[str]:
        import py7zr

        try:
            archive = py7zr.SevenZipFile(path)
        except py7zr.PasswordRequired as exc:
            raise EncryptedError("the 7z archive is password-protected") from exc
        except (py7zr.Bad7zFile, OSError, EOFError, ValueError, KeyError, IndexError) as exc:
            raise CorruptError(f"damaged 7z archive: {exc}") from exc
        names: list[str] = []
        with archive:
            if archive.needs_password():
                raise EncryptedError("the 7z archive is password-protected")
            targets: dict[str, tuple[int, float | None]] = {}
            for entry in archive.files:
                name = str(entry.filename)
                if entry.is_directory:
                    continue
                names.append(name)
                if refused(ctx, name, link=bool(entry.is_symlink or getattr(entry, "is_junction", False)),
                           special=bool(getattr(entry, "is_socket", False))):
                    continue
                size = int(entry.uncompressed or 0)
                compressed = entry.compressed
                ctx.check_member(name, size, int(compressed) if compressed else None)
                mtime: float | None = None
                try:
                    if entry.lastwritetime is not None:
                        mtime = entry.lastwritetime.as_datetime().timestamp()
                except Exception:
                    mtime = None
                targets[name] = (size, mtime)
            if not targets:
                return names
            factory = _SevenZipFactory(ctx, {n: s + SLACK for n, (s, _) in targets.items()})
            try:
                archive.extract(targets=list(targets), factory=factory)  # type: ignore[arg-type]
            except LimitExceeded:
                factory.discard()
                raise
            except Exception as exc:
                factory.discard()
                message = str(exc)
                if "password" in message.lower():
                    raise EncryptedError("the 7z archive is password-protected") from exc
                raise CorruptError(f"damaged 7z archive: {exc or type(exc).__name__}") from exc
        for name, writer in factory.writers.items():
            writer.close_file()
            ctx.add_child(name, writer.path, targets.get(name, (0, None))[1])
        return names

    # -- rar ---------------------------------------------------------------------------

    def _rar(self, path: Path, ctx: ReadContext) -> list[str]:
        import rarfile

        try:
            archive = rarfile.RarFile(path)
        except rarfile.PasswordRequired as exc:
            raise EncryptedError("the rar archive is password-protected") from exc
        except (rarfile.Error, OSError) as exc:
            raise CorruptError(f"damaged rar archive: {exc}") from exc
        names: list[str] = []
        with archive:
            if archive.needs_password():
                raise EncryptedError("the rar archive is password-protected")
            for info in archive.infolist():
                name = str(info.filename)
                if info.is_dir():
                    continue
                names.append(name)
                if refused(ctx, name, link=info.is_symlink(), special=not info.is_file()):
                    continue
                size = int(info.file_size or 0)
                ctx.check_member(name, size, int(info.compress_size) if info.compress_size else None)
                try:
                    with archive.open(info) as src:
                        tmp = _copy(src, ctx, name, size + SLACK)
                except rarfile.RarCannotExec as exc:
                    raise UnsupportedError(
                        "reading rar archives needs the 'unar' tool (or 'unrar' or '7z'); "
                        "install it with: apt-get install unar") from exc
                except rarfile.PasswordRequired as exc:
                    raise EncryptedError("the rar archive is password-protected") from exc
                except (rarfile.Error, OSError) as exc:
                    ctx.add_failure(name, f"corrupt: member could not be unpacked ({exc})")
                    continue
                rar_mtime: float | None = None
                try:
                    if isinstance(info.mtime, dt.datetime):
                        rar_mtime = info.mtime.timestamp()
                    elif info.date_time:
                        rar_mtime = time.mktime((*info.date_time[:6], 0, 0, -1))
                except (OverflowError, ValueError, TypeError):
                    rar_mtime = None
                ctx.add_child(name, tmp, rar_mtime)
        return names

    # -- gz / bz2 / xz -------------------------------------------------------------------

    def _single(self, path: Path, ctx: ReadContext) -> list[str]:
        with path.open("rb") as fh:
            head = fh.read(6)
        if head.startswith(b"\x1f\x8b"):
            opener: Callable[..., Any] = gzip.open
        elif head.startswith(b"BZh"):
            opener = bz2.open
        else:
            opener = lzma.open
        # The reader may get a content-addressed blob without the original name: prefer the
        # name gzip stored in its header, then the file name minus its suffix.
        suffix = path.suffix.lower()
        name = _gzip_name(path) if opener is gzip.open else None
        if not name:
            name = path.stem if suffix in _SINGLE else "decompressed"
            if suffix == ".tgz":
                name += ".tar"
        compressed = path.stat().st_size
        ctx.check_member(name, 0, compressed)
        limit = min(_remaining(ctx), max(compressed, 1) * int(ctx.settings.archive_max_ratio))
        try:
            with opener(path, "rb") as src:
                tmp = _copy(src, ctx, name, limit)
        except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
            raise CorruptError(f"damaged compressed file: {exc}") from exc
        ctx.add_child(name, tmp, path.stat().st_mtime)
        return [name]


def _gzip_name(path: Path) -> str | None:
    """The original file name stored in a gzip header (FNAME), if any and safe."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    if len(head) < 10 or not head[3] & 0x08:
        return None
    pos = 10
    if head[3] & 0x04:  # FEXTRA
        pos += 2 + int.from_bytes(head[10:12], "little")
    end = head.find(b"\x00", pos)
    if end <= pos:
        return None
    name = head[pos:end].decode("latin-1").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name and name not in {".", ".."} else None


class _CappedWriter:
    """A py7zr writer that streams one member to a temp file, with a byte cap."""

    def __init__(self, ctx: ReadContext, name: str, limit: int) -> None:
        suffix = PurePosixPath(name).suffix[:16]
        self.fh = tempfile.NamedTemporaryFile(dir=ctx.tempdir, suffix=suffix, delete=False)  # noqa: SIM115
        self.path = Path(self.fh.name)
        self.name = name
        self.limit = limit
        self.written = 0

    def write(self, data: bytes | bytearray) -> int:
        self.written += len(data)
        if self.written > self.limit:
            raise LimitExceeded(
                f"{self.name} unpacks to more than {self.limit} bytes, more than it declared: "
                "likely an archive bomb")
        return self.fh.write(data)

    def read(self, size: int | None = None) -> bytes:
        return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        return int(self.fh.seek(offset, whence))

    def flush(self) -> None:
        self.fh.flush()

    def size(self) -> int:
        return self.written

    def close(self) -> None:
        self.fh.flush()

    def close_file(self) -> None:
        self.fh.close()


class _SevenZipFactory:
    """py7zr WriterFactory handing out capped temp-file writers for checked members only."""

    def __init__(self, ctx: ReadContext, limits: dict[str, int]) -> None:
        self.ctx = ctx
        self.limits = limits
        self.writers: dict[str, _CappedWriter] = {}

    def create(self, filename: str) -> _CappedWriter:
        if filename not in self.limits:
            raise CorruptError(f"7z archive produced an unexpected member {filename!r}")
        writer = _CappedWriter(self.ctx, filename, self.limits[filename])
        self.writers[filename] = writer
        return writer

    def discard(self) -> None:
        for writer in self.writers.values():
            writer.close_file()
            writer.path.unlink(missing_ok=True)
        self.writers.clear()


__all__ = ["ArchiveReader", "unsafe_name"]
