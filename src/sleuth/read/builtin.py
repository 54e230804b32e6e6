"""Imports every built-in reader so each registers itself."""

from sleuth.read import (  # noqa: F401
    text,
)
