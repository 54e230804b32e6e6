"""The entities API: the list finds names in either script, an entity's page has its
aliases in both scripts, documents, sentences and events, and decisions need an editor,
are made by the library's merge/split/rename and are recorded with who made them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Server


def islamic_state(server: Server, name: str) -> dict[str, Any]:
    response = server.client("viewer").get("/api/entities", params={"q": name})
    assert response.status_code == 200, response.text
    found = response.json()["entities"]
    assert found, f"nothing found for {name}"
    return found[0]


@pytest.mark.parametrize("name", ["داعش", "الدولة الإسلامية", "الدولة الاسلامية"])
def test_the_islamic_state_is_found_by_its_arabic_names(server: Server, name: str) -> None:
    entity = islamic_state(server, name)
    assert entity["canonical"] == "Islamic State" and entity["type"] == "ORG"
    assert entity["documents"] > 100


def test_the_entity_page_has_both_scripts_documents_sentences_and_events(server: Server) -> None:
    entity_id = islamic_state(server, "داعش")["id"]
    page = server.client("viewer").get(f"/api/entities/{entity_id}").json()
    assert page["entity"]["canonical_ar"] == "الدولة الإسلامية"
    aliases = {a["text"]: a for a in page["aliases"]}
    assert aliases["داعش"]["script"] == "ar" and aliases["ISIS"]["script"] == "latin"
    assert all(a["mentions"] >= 1 for a in page["aliases"])
    assert sum(a["mentions"] for a in page["aliases"]) == page["entity"]["mentions"]
    assert page["entity"]["first_seen"] < page["entity"]["last_seen"]
    assert len(page["documents"]) == page["entity"]["documents"]
    assert any(d["title"] for d in page["documents"])
    # each quoted sentence marks a spelling of the entity
    spellings = set(aliases)
    for s in page["sentences"]:
        start, end = s["mention"]
        assert s["text"][start:end] in spellings, s
    # it fights and deals: events as source and as target, each with evidence to open
    assert page["events_total"] >= 20
    assert {"source", "target"} <= {e["role"] for e in page["events"]}
    for e in page["events"]:
        sides = [x for x in (e["source"], e["target"]) if x]
        assert entity_id in {x["entity"] for x in sides}
        assert e["evidence"] and all(ev["document"] and ev["page"] >= 1 for ev in e["evidence"])
    palmyra = [e for e in page["events"] if e["type"] == "RETREAT" and e["place"] == "Palmyra"]
    assert palmyra, "the withdrawal from Palmyra is one of its events"
    linked = {o["canonical"]: o["weight"] for o in page["linked"]}
    assert "Diwan al-Jund" in linked and linked["Diwan al-Jund"] > 10


def test_the_list_filters_sorts_and_pages(server: Server) -> None:
    client = server.client("viewer")
    places = client.get("/api/entities", params={"type": "GPE", "limit": 500}).json()
    assert places["total"] == len(places["entities"]) > 5
    assert {e["type"] for e in places["entities"]} == {"GPE"}
    assert "Palmyra" in {e["canonical"] for e in places["entities"]}
    by_name = client.get("/api/entities", params={"sort": "name", "limit": 500}).json()["entities"]
    names = [e["canonical"].casefold() for e in by_name if e["canonical"].isascii()]
    assert names == sorted(names)
    first = client.get("/api/entities", params={"limit": 10}).json()
    second = client.get("/api/entities", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] > 20
    assert not {e["id"] for e in first["entities"]} & {e["id"] for e in second["entities"]}
    mentions = [e["mentions"] for e in first["entities"] + second["entities"]]
    assert mentions == sorted(mentions, reverse=True)
    assert client.get("/api/entities", params={"sort": "colour"}).status_code == 422


def test_an_unknown_entity_is_404(server: Server) -> None:
    response = server.client("viewer").get("/api/entities/999999")
    assert response.status_code == 404 and "999999" in response.json()["error"]


def test_a_viewer_may_not_merge_split_or_rename(server: Server) -> None:
    client = server.client("viewer")
    entity_id = islamic_state(server, "داعش")["id"]
    for action, body in (("merge", {"other": "Diwan al-Jund"}), ("split", {"alias": "داعش"}),
                         ("rename", {"name": "Daesh"})):
        response = client.post(f"/api/entities/{entity_id}/{action}", json=body)
        assert response.status_code == 403, (action, response.text)
    assert client.get(f"/api/entities/{entity_id}").json()["entity"]["canonical"] == "Islamic State"


def test_a_write_without_the_csrf_token_is_refused(server: Server) -> None:
    client = server.client("editor")
    del client.headers["X-CSRF-Token"]
    response = client.post("/api/entities/1/rename", json={"name": "Nobody"})
    assert response.status_code == 403 and "CSRF" in response.json()["error"]


def test_an_editors_rename_is_made_recorded_and_drawn(server: Server) -> None:
    viewer = server.client("viewer")
    drawn = viewer.get("/api/graph", params={"types": "PERSON", "max_nodes": 3000}).json()["nodes"]
    # a person few pages name, so no other test depends on the name
    target = min((n for n in drawn if n["label"].isascii()), key=lambda n: (n["mentions"], n["id"]))
    new_name = f"{target['label']} (checked by the rename test)"
    response = server.client("editor").post(f"/api/entities/{target['id']}/rename", json={"name": new_name})
    assert response.status_code == 200, response.text
    renamed = response.json()
    assert renamed["entity"]["canonical"] == new_name
    page = viewer.get(f"/api/entities/{renamed['id']}").json()
    assert page["entity"]["canonical"] == new_name
    assert any(d["action"] == "rename" and d["object"] == new_name and d["made_by"] == "eve"
               for d in page["decisions"])
    log = server.client("admin").get("/api/audit", params={"action": "rename"}).json()
    assert any(e["user"] == "eve" and e["target"] == str(target["id"]) and e["detail"]["name"] == new_name
               for e in log), log
    # the graph was built again: it shows the new name
    labels = {n["id"]: n["label"] for n in
              viewer.get("/api/graph", params={"types": "PERSON", "max_nodes": 3000}).json()["nodes"]}
    assert labels[renamed["id"]] == new_name


def test_an_editor_splits_a_spelling_off_and_merges_it_back(server: Server) -> None:
    editor = server.client("editor")
    people = editor.get("/api/entities", params={"type": "PERSON", "limit": 500}).json()["entities"]
    person = min((e for e in people if e["aliases_total"] == 2 and "test" not in e["canonical"]),
                 key=lambda e: (e["mentions"], e["id"]))
    aliases = [a["text"] for a in editor.get(f"/api/entities/{person['id']}").json()["aliases"]]
    alias = next(a for a in aliases if a != person["canonical"])
    split = editor.post(f"/api/entities/{person['id']}/split", json={"alias": alias})
    assert split.status_code == 200, split.text
    off, remaining = split.json()["entity"], split.json()["remaining"]
    assert off["canonical"] == alias and off["aliases_total"] == 1
    assert remaining["canonical"] == person["canonical"] and remaining["aliases_total"] == 1
    merged = editor.post(f"/api/entities/{remaining['id']}/merge", json={"other": off["id"]})
    assert merged.status_code == 200, merged.text
    back = editor.get(f"/api/entities/{merged.json()['id']}").json()
    assert sorted(a["text"] for a in back["aliases"]) == sorted(aliases)
    assert [d["action"] for d in back["decisions"]][-2:] == ["split", "merge"]
    assert all(d["made_by"] == "eve" for d in back["decisions"])
    log = server.client("admin").get("/api/audit", params={"user": "eve"}).json()
    done = {(e["action"], e["target"]) for e in log}
    assert {("split", str(person["id"])), ("merge", str(remaining["id"]))} <= done
    # merging an entity into itself says why not
    again = editor.post(f"/api/entities/{back['entity']['id']}/merge", json={"other": back["entity"]["id"]})
    assert again.status_code == 400 and "already one entity" in again.json()["error"]
