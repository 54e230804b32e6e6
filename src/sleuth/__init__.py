"""Sleuth: an offline investigation workbench for leaked document troves."""

__version__ = "0.1.0"
