"""The search API's entity, event and year facets and its sort orders, over the demo case."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import Server, WebClient


def search(client: WebClient, q: str, **params: Any) -> dict[str, Any]:
    response = client.get("/api/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_facets_count_entities_events_and_years_and_each_value_filters(server: Server) -> None:
    client = server.client("viewer")
    data = search(client, "Palmyra", limit=1)
    facets = data["facets"]
    assert {"entity", "event", "year"} <= set(facets)
    # Palmyra is one entity, whatever the script it is written in (تدمر)
    top = next(iter(facets["entity"].items()))
    assert top[1] <= data["total"]
    for value, count in list(facets["entity"].items())[:3]:
        assert search(client, f'Palmyra entity:"{value}"')["total"] == count, value
    for value, count in list(facets["event"].items())[:3]:
        assert search(client, f"Palmyra event:{value}")["total"] == count, value
    year, count = next(iter(facets["year"].items()))
    assert search(client, f"Palmyra date:{year}")["total"] == count


def test_newest_first_sorts_by_the_documents_date_undated_last(server: Server) -> None:
    client = server.client("viewer")
    data = search(client, "*", sort="newest", limit=100)
    assert data["sort"] == "newest"
    dates = [h["date"] for h in data["hits"]]
    dated = [d for d in dates if d]
    assert dated and dated == sorted(dated, reverse=True)
    assert dates[:len(dated)] == dated  # undated ones only after every dated one
    oldest = search(client, "*", sort="oldest", limit=1)["hits"][0]["date"]
    assert oldest == min(dated) or oldest < min(dated)
    assert all(h["score"] == 0 for h in data["hits"])


def test_an_unknown_sort_is_refused(server: Server) -> None:
    response = server.client("viewer").get("/api/search", params={"q": "Palmyra", "sort": "size"})
    assert response.status_code == 422
