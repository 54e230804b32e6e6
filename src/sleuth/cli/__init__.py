"""The command line: a thin face over the library. Parses input, calls, formats output.

`--json` writes one JSON object per line to stdout and nothing else there; messages and
progress bars go to stderr. Exit codes: 0 ok, 1 some inputs failed (recorded), 2 usage error.

One module per group of commands; each registers its commands on `main`.
"""

from sleuth.cli import (
    case_commands,
    demo_commands,
    document_commands,
    entity_commands,
    event_commands,
    web_commands,
)
from sleuth.cli.app import main

__all__ = ["case_commands", "demo_commands", "document_commands", "entity_commands", "event_commands", "main",
           "web_commands"]
