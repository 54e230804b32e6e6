"""The font of the demo trove: DejaVu Sans (Debian: fonts-dejavu-core) has Arabic and Latin.

fpdf2 parses the whole font for every PDF it writes; a subset holding only Latin, Arabic and
punctuation parses and embeds in less than half the time, so a run makes one first
(`prepare`) and every worker uses it (`use`). Without it the full system font is used.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sleuth.errors import SleuthError

_SEARCH = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
_NAMES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x180),
    *range(0x600, 0x700),
    *range(0x2000, 0x2070),
    *range(0xFB50, 0xFE00),
    *range(0xFE70, 0xFF00),
    0x20AC,
    0x2116,
]
_active: dict[str, str] = {}


def system_font(style: str = "regular") -> str:
    """The installed DejaVu Sans file, or an error that says how to install it."""
    for folder in _SEARCH:
        candidate = folder / _NAMES[style]
        if candidate.is_file():
            return str(candidate)
    raise SleuthError(
        "The demo trove needs the DejaVu Sans font (Arabic and Latin glyphs), "
        "which was not found.\n\nInstall it with: apt-get install fonts-dejavu-core\n"
        "Then re-run: sleuth demo-trove OUTDIR"
    )


def font(style: str = "regular") -> str:
    """The font file to use for `style` (regular or bold)."""
    return _active.get(style) or system_font(style)


def prepare(folder: Path) -> Path:
    """Write Latin+Arabic subsets of DejaVu Sans into `folder`; returns the folder."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM NOT subset" is expected
    folder.mkdir(parents=True, exist_ok=True)
    for style, name in _NAMES.items():
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.glyph_names = True
        options.ignore_missing_unicodes = True
        tt = TTFont(system_font(style), recalcTimestamp=False)  # else head.modified = now
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=_UNICODES)
        subsetter.subset(tt)
        tt.save(str(folder / name))
    return folder


def use(folder: Path | None) -> None:
    """Use the subsets in `folder` (None: the system font) in this process."""
    _active.clear()
    if folder is not None:
        _active.update({style: str(folder / name) for style, name in _NAMES.items()})
