"""The PLOVER event types, as data (`extract/data/plover.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
QUAD_CLASSES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
MODALITIES = ("asserted", "negated", "planned", "hypothetical", "reported")
#: Event types that make two sides partners; material conflict makes them enemies.
COOPERATION = frozenset({"verbal cooperation", "material cooperation"})


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER type."""

    name: str
    quad_class: str
    complement: str  # modality of an event in this trigger's complement, "" for none
    help: str


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """The 16 types by name, in PLOVER's order."""
    raw = yaml.safe_load((DATA / "plover.yaml").read_text(encoding="utf-8"))["types"]
    out: dict[str, EventType] = {}
    for name, spec in raw.items():
        if spec["quad_class"] not in QUAD_CLASSES:
            raise ValueError(f"plover.yaml: {name} has an unknown quad class {spec['quad_class']!r}")
        complement = spec.get("complement") or ""
        if complement and complement not in MODALITIES:
            raise ValueError(f"plover.yaml: {name} has an unknown complement modality {complement!r}")
        out[name] = EventType(name, spec["quad_class"], complement, spec.get("help", ""))
    return out


def quad_class(event_type: str) -> str:
    """The quad class of a type ("material conflict" for ASSAULT)."""
    return event_types()[event_type].quad_class
