"""Analyst decisions on entities: merge two, split an alias off, rename. Stored in the case
and replayed by every resolution, so re-running extraction never undoes them; applied at
once to the entities they touch (`link/reresolve.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sleuth.errors import SleuthError
from sleuth.link.reresolve import reresolve
from sleuth.text.normalize import normalize

if TYPE_CHECKING:
    from sleuth.case import Case


def find_entity(case: Case, ref: str) -> dict[str, Any]:
    """An entity by number (#12 or 12), key, canonical name or alias; one or a clear error."""
    store = case.store.mentions
    number = ref.removeprefix("#")
    if number.isdigit():
        found = store.entity(int(number))
        if found is not None:
            return found
    matches = store.find_entities(ref)
    if not matches:
        raise SleuthError(
            f"No entity named {ref!r} in this case.\nSee the names with: sleuth entities --case CASE"
        )
    exact = [m for m in matches if normalize(m["canonical"]) == normalize(ref) or m["key"] == ref]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0]
    listing = "\n".join(
        f"  #{m['id']} {m['canonical']} ({m['type']}, {m['mentions']} mentions)" for m in matches[:10]
    )
    raise SleuthError(
        f"{ref!r} names {len(matches)} entities:\n{listing}\nGive its number, e.g. #{matches[0]['id']}."
    )


def merge(case: Case, keep: str, other: str, by: str | None = None) -> dict[str, Any]:
    """Make `other` part of `keep` (keep's names win). Returns the merged entity. `by` is
    the workbench user who decided (none from the command line)."""
    a, b = find_entity(case, keep), find_entity(case, other)
    if a["id"] == b["id"]:
        raise SleuthError(f"{keep!r} and {other!r} are already one entity (#{a['id']}).")
    case.store.mentions.add_decision("merge", a["key"], b["key"], by)
    reresolve(case, [a["id"], b["id"]], merge=(a["key"], b["key"]))
    return _found(case, a["key"], b["key"])


def split(case: Case, ref: str, alias: str, by: str | None = None) -> dict[str, Any]:
    """Take the mentions written `alias` out of an entity into an entity of their own."""
    entity = find_entity(case, ref)
    store = case.store.mentions
    written = [a for a, _ in entity["aliases"] if normalize(a) == normalize(alias)]
    if not written:
        seen = ", ".join(a for a, _ in entity["aliases"][:10])
        raise SleuthError(
            f"#{entity['id']} {entity['canonical']} has no mention written {alias!r}.\nIts aliases: {seen}"
        )
    if len(written) == len(entity["aliases"]):
        raise SleuthError(f"Every mention of #{entity['id']} is written {alias!r}: nothing to split off.")
    keys = store.match_keys_of(entity["id"])
    for key in keys:
        store.add_decision("split", key, normalize(alias), by)
    store.apply_splits()
    split_keys = [split_key(k, normalize(alias)) for k in keys]
    reresolve(case, [entity["id"]], new_keys=split_keys)
    return _found(case, *split_keys)


def split_off(case: Case, ref: str, alias: str,
              by: str | None = None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """`split`, and what remains of the entity after it (which may have another key, and so
    another id, once its best name is gone), or None when nothing remains."""
    entity = find_entity(case, ref)
    store = case.store.mentions
    keys = [entity["key"], *store.match_keys_of(entity["id"])]
    result = split(case, ref, alias, by)
    left = (store.entity_by_key(k) for k in keys)
    return result, next((e for e in left if e is not None and e["id"] != result["id"]), None)


def split_key(match_key: str, alias: str) -> str:
    """The match key of mentions split off `match_key` because they are written `alias`."""
    return f"split:{match_key}:{alias}"


def rename(case: Case, ref: str, name: str, by: str | None = None) -> dict[str, Any]:
    """Give an entity another canonical name."""
    if not name.strip():
        raise SleuthError("The new name is empty.")
    entity = find_entity(case, ref)
    case.store.mentions.add_decision("rename", entity["key"], name.strip(), by)
    reresolve(case, [entity["id"]])
    return _found(case, entity["key"])


def _found(case: Case, *keys: str) -> dict[str, Any]:
    """The entity that the first of `keys` that has one belongs to."""
    for key in keys:
        found = case.store.mentions.entity_by_key(key)
        if found is not None:
            return found
    raise SleuthError(f"no entity for {keys[0]!r} after resolution")
