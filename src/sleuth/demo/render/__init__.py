"""Renderers: one module per file family. They turn format-free specs into bytes."""
