"""Building `digit_templates.npz`, the glyph templates `digits.read_number` matches against.

    python -m sleuth.ocr.digit_templates            # writes src/sleuth/ocr/digit_templates.npz
    python -m sleuth.ocr.digit_templates --exclude Amiri --out /tmp/t.npz   # hold a face out

Each digit (0-9, ٠-٩) and separator is drawn between two digits of its system, in every
installed face of `FACES` that has the glyphs, at four sizes, and thresholded thin, normal
and bold after a slight blur (as scanning does); the middle glyph's features are one
template. The faces come from Debian packages under free font licences: fonts-dejavu-core
(Bitstream Vera licence), fonts-hosny-amiri and fonts-noto-core (SIL Open Font Licence);
`apt-get install fonts-hosny-amiri fonts-noto-core` before rebuilding. The file is built
once by a developer and shipped; nothing is rendered at run time.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sleuth.ocr.digits import CLASSES, INDIC, SEPARATORS, TEMPLATES, WESTERN, cut_shapes, features

FACES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf",
    "/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoKufiArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
]
SIZES = (22, 32, 46, 64)
THRESHOLDS = (90, 128, 170)  # of a blurred 0-255 rendering: bold, normal, thin


def covers(face: str, text: str) -> bool:
    """Whether the face has a glyph for every character of `text`."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(face, lazy=True).getBestCmap() or {}
    return all(ord(c) in cmap for c in text)


def glyph_samples(face: str, glyph: str, system: str) -> list[np.ndarray]:
    """Feature vectors of `glyph` drawn between two digits of `system` in one face."""
    left, right = system[2], system[3]
    text = f"{left}{glyph}{right}"
    if not covers(face, text):
        return []
    out = []
    for size in SIZES:
        font = ImageFont.truetype(face, size, layout_engine=ImageFont.Layout.RAQM)
        image = Image.new("L", (size * 6, size * 3), 255)
        ImageDraw.Draw(image).text((size, size), text, font=font, fill=0, direction="ltr")
        blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(max(0.6, size / 40))))
        for threshold in THRESHOLDS:
            ink = blurred < threshold
            pieces = cut_shapes(ink)
            if len(pieces) != 3:
                continue  # glyphs touched or a glyph fell apart at this size: no template
            out.append(features(ink, pieces)[1].features)
    return out


def build(exclude: tuple[str, ...] = ()) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(features, labels, faces used)."""
    rows: list[np.ndarray] = []
    labels: list[int] = []
    used = []
    for face in FACES:
        if not Path(face).exists() or any(x.lower() in Path(face).name.lower() for x in exclude):
            continue
        before = len(rows)
        for index, glyph in enumerate(CLASSES):
            systems = (WESTERN,) if glyph in WESTERN else (INDIC,) if glyph in INDIC else (WESTERN, INDIC)
            for system in systems:
                for sample in glyph_samples(face, glyph, system):
                    rows.append(sample)
                    labels.append(index)
        if len(rows) > before:
            used.append(Path(face).name)
    assert all(g in SEPARATORS or g.isdigit() for g in CLASSES)
    return np.array(rows, dtype=np.float32), np.array(labels, dtype=np.int16), used


def main(argv: list[str] | None = None) -> int:
    """Build the templates and write them."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=TEMPLATES)
    parser.add_argument("--exclude", action="append", default=[],
                        help="leave out faces whose file name contains this")
    args = parser.parse_args(argv)
    feats, labels, used = build(tuple(args.exclude))
    np.savez_compressed(args.out, features=feats, labels=labels, faces=np.array(used))
    counts = np.bincount(labels, minlength=len(CLASSES))
    print(f"{len(labels)} templates from {len(used)} faces: {', '.join(used)}")
    print("per class: " + " ".join(f"{c}:{n}" for c, n in zip(CLASSES, counts, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
