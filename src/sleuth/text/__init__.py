"""Text processing shared by every stage: normalisation, tokens, language."""

from __future__ import annotations

from sleuth.text.language import detect_language, scripts
from sleuth.text.normalize import normalize, normalize_with_offsets
from sleuth.text.tokens import Token, tokenize

__all__ = ["Token", "detect_language", "normalize", "normalize_with_offsets", "scripts", "tokenize"]
