"""The web workbench: a JSON API under /api/ and the pages that use it (`sleuth serve`)."""

from sleuth.web.app import create_app

__all__ = ["create_app"]
