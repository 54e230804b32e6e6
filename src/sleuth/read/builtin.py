"""Imports every built-in reader so each registers itself."""

from sleuth.read import (  # noqa: F401
    archive,
    email,
    html,
    image,
    json_reader,
    msg,
    office,
    pdf,
    spreadsheet,
    svg,
    text,
)
