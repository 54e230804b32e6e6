"""Ingest: walk sources, unpack containers, hash, keep originals, record provenance."""

from sleuth.ingest.pipeline import IngestSummary, ingest

__all__ = ["IngestSummary", "ingest"]
