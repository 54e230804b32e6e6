"""ImageReader: Pillow check, one OCR-pending page per frame, EXIF metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sleuth.errors import CorruptError
from sleuth.read.base import choose_reader
from sleuth.read.image import ImageReader

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


def make_photo(path: Path, gps: bool = True) -> Path:
    image = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[271] = "Canon"  # Make
    exif[272] = "Canon EOS 5D"  # Model
    exif[305] = "GIMP 2.10"  # Software
    exif[306] = "2020:01:01 00:00:00"  # DateTime (file change)
    exif.get_ifd(0x8769)[36867] = "2019:07:14 18:22:05"  # DateTimeOriginal
    if gps:
        exif.get_ifd(0x8825).update({
            1: "N", 2: (52.0, 22.0, 12.0),  # 52°22'12" N
            3: "W", 4: (4.0, 30.0, 0.0),  # 4°30' W
        })
    image.save(path, "JPEG", exif=exif)
    return path


def test_photo_with_exif(tmp_path: Path, ctx) -> None:
    result = ImageReader().read(make_photo(tmp_path / "photo.jpg"), ctx)
    assert len(result.pages) == 1
    page = result.pages[0]
    assert (page.number, page.text, page.needs_ocr, page.method) == (1, "", True, "none")
    meta = result.metadata
    assert meta["width"] == ["64"]
    assert meta["height"] == ["48"]
    assert meta["format"] == ["JPEG"]
    assert meta["created"] == ["2019-07-14T18:22:05"]  # DateTimeOriginal, not DateTime
    assert meta["camera"] == ["Canon EOS 5D"]
    assert meta["software"] == ["GIMP 2.10"]
    assert meta["gps"] == ["52.370000,-4.500000"]


def test_photo_without_gps(tmp_path: Path, ctx) -> None:
    meta = ImageReader().read(make_photo(tmp_path / "photo.jpg", gps=False), ctx).metadata
    assert "gps" not in meta
    assert meta["camera"] == ["Canon EOS 5D"]


def test_plain_png_has_no_exif_fields(tmp_path: Path, ctx) -> None:
    path = tmp_path / "plain.png"
    Image.new("L", (10, 20)).save(path)
    result = ImageReader().read(path, ctx)
    assert result.metadata == {"width": ["10"], "height": ["20"], "format": ["PNG"]}


def test_multipage_tiff_gives_a_page_per_frame(tmp_path: Path, ctx) -> None:
    path = tmp_path / "scan.tiff"
    frames = [Image.new("L", (30, 30), shade) for shade in (0, 100, 200)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    result = ImageReader().read(path, ctx)
    assert [p.number for p in result.pages] == [1, 2, 3]
    assert all(p.needs_ocr and p.text == "" for p in result.pages)


def test_animated_gif_is_one_page(tmp_path: Path, ctx) -> None:
    path = tmp_path / "anim.gif"
    frames = [Image.new("P", (10, 10), color) for color in (1, 2, 3, 4)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    assert len(ImageReader().read(path, ctx).pages) == 1


def test_not_an_image_is_corrupt(tmp_path: Path, ctx) -> None:
    path = tmp_path / "fake.png"
    path.write_bytes(b"this is text pretending to be a png")
    with pytest.raises(CorruptError):
        ImageReader().read(path, ctx)


def test_truncated_image_is_corrupt(tmp_path: Path, ctx) -> None:
    good = tmp_path / "good.png"
    Image.effect_noise((200, 200), 50).save(good)
    bad = tmp_path / "bad.png"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(CorruptError, match="damaged"):
        ImageReader().read(bad, ctx)


@pytest.mark.parametrize(("mime", "ext"), [
    ("image/png", ".png"), ("image/jpeg", ".jpg"), ("image/tiff", ".tif"), ("image/gif", ".gif"),
    ("image/bmp", ".bmp"), ("image/webp", ".webp"),
])
def test_registration(mime: str, ext: str) -> None:
    reader = choose_reader(mime, ext)
    assert reader is not None and reader.kind == "image"


# --- real-world files -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt", "size"), [
    ("regression_jpg.jpg", "JPEG", (1350, 282)),
    ("regression_gif.gif", "GIF", (320, 180)),
    ("regression_tiff.tiff", "TIFF", (1350, 282)),
    ("regression_webp.webp", "WEBP", (1350, 282)),
    ("regression_openjpeg.jp2", "JPEG2000", (1350, 282)),
    ("hello_world_tiff.tif", "TIFF", (819, 460)),
])
def test_fixture_images(name: str, fmt: str, size: tuple[int, int], ctx) -> None:
    result = ImageReader().read(fixture(name), ctx)
    assert len(result.pages) == 1
    assert result.pages[0].needs_ocr
    assert result.metadata["format"] == [fmt]
    assert (result.metadata["width"], result.metadata["height"]) == ([str(size[0])], [str(size[1])])


def test_fixture_multipage_tiff(ctx) -> None:
    result = ImageReader().read(fixture("multipage_tiff_example.tif"), ctx)
    assert len(result.pages) == 10
    assert result.metadata["software"] == ["IrfanView"]
