"""Archive reader: zip, tar, 7z, rar, single-file compressed; hostile members."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
from pathlib import Path

import py7zr
import pytest
import rarfile

from sleuth.errors import CorruptError, EncryptedError, LimitExceeded, UnsupportedError
from sleuth.ingest.context import Budget, PipelineContext
from sleuth.read import archive as archive_mod
from sleuth.read.archive import ArchiveReader, unsafe_name
from sleuth.settings import Settings

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"
TEST_DOCUMENTS = ["testEXCEL.xls", "testHTML.html", "testOpenOffice2.odt", "testPDF.pdf", "testPPT.ppt",
                  "testRTF.rtf", "testTXT.txt", "testWORD.doc", "testXML.xml"]


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


def pipeline_ctx(tmp_path: Path, **settings: object) -> PipelineContext:
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    return PipelineContext(settings=Settings(settings), tempdir=scratch, depth=0, budget=Budget())


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_zip_members_become_children(tmp_path: Path, ctx) -> None:
    path = make_zip(tmp_path / "a.zip", {"docs/": b"", "docs/memo.txt": b"hello", "b.csv": b"x,y\n"})
    result = ArchiveReader().read(path, ctx)
    assert result.text.splitlines() == ["docs/memo.txt", "b.csv"]
    assert [c[0] for c in ctx.children] == ["docs/memo.txt", "b.csv"]
    assert ctx.children[0][1].read_bytes() == b"hello"
    assert ctx.children[0][1].parent == tmp_path
    assert ctx.children[0][2] is not None  # mtime kept
    assert result.metadata["archive_format"] == ["zip"]


def test_zip_unsafe_names_are_skipped(tmp_path: Path, ctx) -> None:
    path = make_zip(tmp_path / "evil.zip", {"../evil.txt": b"x", "/etc/passwd": b"y", "ok.txt": b"z"})
    ArchiveReader().read(path, ctx)
    assert [c[0] for c in ctx.children] == ["ok.txt"]
    reasons = dict(ctx.failures)
    assert reasons["../evil.txt"].startswith("unsafe: member path")
    assert reasons["/etc/passwd"].startswith("unsafe: member path")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_symlink_member(tmp_path: Path, ctx) -> None:
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo("link")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
    ArchiveReader().read(path, ctx)
    assert ctx.children == []
    assert ctx.failures == [("link", "unsafe: symlink member is not followed")]


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bomb.zip", {"bomb.txt": b"bomb" * 2_000_000})
    pctx = pipeline_ctx(tmp_path)
    with pytest.raises(LimitExceeded, match="archive bomb"):
        ArchiveReader().read(path, pctx)
    assert pctx.children == []


def test_zip_member_cap(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "many.zip", {f"f{i}.txt": b"data" for i in range(5)})
    pctx = pipeline_ctx(tmp_path, archive_max_members=3)
    with pytest.raises(LimitExceeded, match="archive_max_members"):
        ArchiveReader().read(path, pctx)
    assert len(pctx.children) == 3


def test_copy_stops_past_limit(tmp_path: Path, ctx) -> None:
    with pytest.raises(LimitExceeded):
        archive_mod._copy(io.BytesIO(b"x" * 5000), ctx, "liar.bin", 1000)
    assert list(tmp_path.iterdir()) == []  # partial temp file removed


def test_encrypted_zip(tmp_path: Path, ctx) -> None:
    path = make_zip(tmp_path / "enc.zip", {"a.txt": b"hello"})
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # general purpose flag: encrypted
    data[6] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(EncryptedError, match="password-protected"):
        ArchiveReader().read(path, ctx)


def test_damaged_zip(tmp_path: Path, ctx) -> None:
    path = tmp_path / "bad.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(CorruptError):
        ArchiveReader().read(path, ctx)


def test_not_an_archive(tmp_path: Path, ctx) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"just text, not an archive")
    with pytest.raises(CorruptError):
        ArchiveReader().read(path, ctx)


def test_tar_gz_with_links_and_devices(tmp_path: Path, ctx) -> None:
    path = tmp_path / "t.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        for name, data in {"dir/a.txt": b"alpha", "../up.txt": b"no"}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        sym = tarfile.TarInfo("sym")
        sym.type = tarfile.SYMTYPE
        sym.linkname = "/etc/passwd"
        tf.addfile(sym)
        hard = tarfile.TarInfo("hard")
        hard.type = tarfile.LNKTYPE
        hard.linkname = "dir/a.txt"
        tf.addfile(hard)
        dev = tarfile.TarInfo("dev")
        dev.type = tarfile.CHRTYPE
        tf.addfile(dev)
    result = ArchiveReader().read(path, ctx)
    assert result.metadata["archive_format"] == ["tar"]
    assert [c[0] for c in ctx.children] == ["dir/a.txt"]
    assert ctx.children[0][1].read_bytes() == b"alpha"
    reasons = dict(ctx.failures)
    assert reasons["../up.txt"].startswith("unsafe: member path")
    assert reasons["sym"] == "unsafe: symlink member is not followed"
    assert reasons["hard"] == "unsafe: symlink member is not followed"
    assert reasons["dev"].startswith("unsafe:")


@pytest.mark.parametrize(("suffix", "opener"), [(".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)])
def test_single_file_compressed(tmp_path: Path, ctx, suffix: str, opener: object) -> None:
    path = tmp_path / f"report.txt{suffix}"
    with opener(path, "wb") as fh:  # type: ignore[operator]
        fh.write(b"the report")
    result = ArchiveReader().read(path, ctx)
    assert [c[0] for c in ctx.children] == ["report.txt"]
    assert ctx.children[0][1].read_bytes() == b"the report"
    assert result.text == "report.txt"


def test_gzip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb") as fh:
        fh.write(b"bomb" * 2_000_000)
    with pytest.raises(LimitExceeded):
        ArchiveReader().read(path, pipeline_ctx(tmp_path))


def test_7z_roundtrip(tmp_path: Path, ctx) -> None:
    path = tmp_path / "a.7z"
    with py7zr.SevenZipFile(path, "w") as z:
        z.writestr(b"first", "one.txt")
        z.writestr(b"second", "sub/two.txt")
    result = ArchiveReader().read(path, ctx)
    assert sorted(result.text.splitlines()) == ["one.txt", "sub/two.txt"]
    got = {c[0]: c[1].read_bytes() for c in ctx.children}
    assert got == {"one.txt": b"first", "sub/two.txt": b"second"}


def test_unsafe_name() -> None:
    assert unsafe_name("a/b.txt") is None
    assert unsafe_name("a/../../b") is not None
    assert unsafe_name("C:\\Windows\\x") is not None
    assert unsafe_name("..\\x") is not None


# -- real fixtures -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "prefix"), [
    ("test-documents.zip", ""),
    ("test-documents.tar", "test-documents/"),
    ("test-documents.rar", "test-documents/"),
])
def test_real_test_documents(name: str, prefix: str, ctx) -> None:
    result = ArchiveReader().read(fixture(name), ctx)
    expected = [prefix + n for n in TEST_DOCUMENTS]
    assert [c[0] for c in ctx.children] == expected
    assert result.text.splitlines() == expected
    sizes = {c[0].rsplit("/", 1)[-1]: c[1].stat().st_size for c in ctx.children}
    assert sizes["testEXCEL.xls"] == 13824


def test_real_7z(ctx) -> None:
    ArchiveReader().read(fixture("500_pages.7z"), ctx)
    assert [c[0] for c in ctx.children] == ["tests/fixtures/500 pages.pdf"]
    assert ctx.children[0][1].read_bytes().startswith(b"%PDF")


def test_real_split_7z_fragment(ctx) -> None:
    with pytest.raises(CorruptError):
        ArchiveReader().read(fixture("500_pages.7z.001"), ctx)


def test_real_encrypted_7z(ctx) -> None:
    with pytest.raises(EncryptedError, match="password-protected"):
        ArchiveReader().read(fixture("7z_password.7z"), ctx)


@pytest.mark.parametrize("name", ["badzip.zip", "badtar.tar", "badrar.rar", "bad7zip.7z"])
def test_real_symlink_escapes(name: str, ctx) -> None:
    ArchiveReader().read(fixture(name), ctx)
    assert ctx.children == []
    assert len(ctx.failures) == 1
    assert ctx.failures[0][0].endswith("secret.txt")
    assert ctx.failures[0][1] == "unsafe: symlink member is not followed"


def test_rar_tool_missing(ctx, monkeypatch: pytest.MonkeyPatch) -> None:
    path = fixture("test-documents.rar")

    def no_tool(*args: object, **kwargs: object) -> None:
        raise rarfile.RarCannotExec("Cannot find working tool")

    monkeypatch.setattr(rarfile.RarFile, "open", no_tool)
    with pytest.raises(UnsupportedError, match="unrar"):
        ArchiveReader().read(path, ctx)


def test_7z_member_larger_than_declared_stops(tmp_path: Path, ctx, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "liar.7z"
    with py7zr.SevenZipFile(path, "w") as z:
        z.writestr(b"x" * 10_000, "big.txt")
    monkeypatch.setattr(archive_mod, "SLACK", -100)  # pretend the member declared 100 bytes less
    with pytest.raises(LimitExceeded):
        ArchiveReader().read(path, ctx)
    assert ctx.children == []
    assert [p.name for p in tmp_path.iterdir()] == ["liar.7z"]


def test_gzip_blob_without_suffix_uses_header_name(tmp_path: Path, ctx) -> None:
    blob = tmp_path / "0123abcd"  # the pipeline hands readers content-addressed blobs
    with open(blob, "wb") as raw, gzip.GzipFile("ledger.csv", "wb", fileobj=raw) as fh:
        fh.write(b"a,b\n")
    ArchiveReader().read(blob, ctx)
    assert [c[0] for c in ctx.children] == ["ledger.csv"]


def test_xz_blob_without_suffix(tmp_path: Path, ctx) -> None:
    blob = tmp_path / "0123abcd"
    blob.write_bytes(lzma.compress(b"data"))
    ArchiveReader().read(blob, ctx)
    assert [c[0] for c in ctx.children] == ["decompressed"]
    assert ctx.children[0][1].read_bytes() == b"data"
