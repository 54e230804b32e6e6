"""Readers: one module per format family, chosen by MIME type and extension."""

from sleuth.read.base import Page, Reader, ReadResult, choose_reader, readers, register

__all__ = ["Page", "ReadResult", "Reader", "choose_reader", "readers", "register"]
