"""Exports a user opens elsewhere: FtM lines Aleph accepts, GEXF Gephi reads, CSV with Arabic."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model

from tests.conftest import run_cli

LETTERS = {
    "a.txt": "On 5 March 2016 Abu Hamza al-Raqqawi met ISIS officials in ar-Raqqa "
             "with Faisal bin Ziad al-Hamed.",
    "b.txt": "التقى أبو حمزة الرقاوي بمسؤولين من داعش في الرقة بتاريخ ٥ آذار ٢٠١٦.",
    "c.txt": "Faisal bin Ziad al-Hamed travelled from Raqqa to Mosul with Khalid Omar al-Jasim "
             "on 9 March 2016.",
}


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("export")
    src = root / "src"
    src.mkdir()
    for name, text in LETTERS.items():
        (src / name).write_text(text + "\nSyria.\n", encoding="utf-8")
    run_cli("init", str(root / "case"), check=True)
    run_cli("ingest", str(src), "--case", str(root / "case"), check=True)
    return root / "case"


def test_ftm_lines_are_valid_entities_with_mentions_pointing_at_documents(case_dir: Path,
                                                                         tmp_path: Path) -> None:
    out = tmp_path / "case.ftm"
    run_cli("export", "--case", str(case_dir), "--format", "ftm", str(out), check=True)
    proxies = [model.get_proxy(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {p.id: p for p in proxies}
    person = next(p for p in proxies if p.schema.name == "Person" and "Abu Hamza al-Raqqawi" in p.get("name"))
    assert "أبو حمزة الرقاوي" in person.get("alias") + person.get("name")
    mentions = [p for p in proxies if p.schema.name == "Mention" and p.first("resolved") == person.id]
    assert len(mentions) == 2
    assert all(by_id[m.first("document")].schema.name == "Document" for m in mentions)
    org = next(p for p in proxies if p.schema.name == "Organization" and "Islamic State" in p.get("name"))
    assert {"ISIS", "داعش"} <= set(org.get("alias")) and "sy" in org.get("country")
    assert any(p.schema.name == "Address" and "Raqqa" in p.get("name") for p in proxies)


def test_gexf_opens_as_a_graph_with_evidence_on_edges(case_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.gexf"
    run_cli("export", "--case", str(case_dir), "--format", "gexf", str(out), check=True)
    graph = nx.read_gexf(out)
    labels = {data["label"]: node for node, data in graph.nodes(data=True)}
    a, b = labels["Abu Hamza al-Raqqawi"], labels["Raqqa"]
    assert graph.edges[a, b]["weight"] == 2 and graph.edges[a, b]["evidence"]
    assert "betweenness" in graph.nodes[a] and "community" in graph.nodes[a]


def test_csv_has_entities_and_mentions_readable_in_a_spreadsheet(case_dir: Path, tmp_path: Path) -> None:
    run_cli("export", "--case", str(case_dir), "--format", "csv", str(tmp_path / "csv"), check=True)
    raw = (tmp_path / "csv" / "entities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel shows Arabic only with the byte-order mark
    with (tmp_path / "csv" / "mentions.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    arabic = [r for r in rows if r["text"] == "أبو حمزة الرقاوي"]
    assert arabic and arabic[0]["canonical"] == "Abu Hamza al-Raqqawi"
    assert arabic[0]["path"].endswith("b.txt")


def test_path_links_two_entities_through_the_documents_that_name_them(case_dir: Path) -> None:
    out = run_cli("path", "Abu Hamza al-Raqqawi", "Mosul", "--case", str(case_dir), "--json",
                  check=True).stdout
    steps = json.loads(out)["steps"]
    assert steps[0]["from"]["label"] == "Abu Hamza al-Raqqawi" and steps[-1]["to"]["label"] == "Mosul"
    assert len(steps) == 2 and all(s["evidence"] for s in steps)
    far = run_cli("path", "Abu Hamza al-Raqqawi", "Nobody", "--case", str(case_dir))
    assert far.returncode == 2 and "No entity named" in far.stderr
