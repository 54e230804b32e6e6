"""The case store: SQL tables (SQLite by default) and the blob store of originals."""

from sleuth.store.blobs import BlobStore
from sleuth.store.records import FailureRecord, FileRecord, OcrJob, OcrRecord
from sleuth.store.store import EXTRACT, INDEX, READ, Store

__all__ = ["EXTRACT", "INDEX", "READ", "BlobStore", "FailureRecord", "FileRecord", "OcrJob", "OcrRecord",
           "Store"]
