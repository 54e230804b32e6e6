"""The JSON API, one router per page's data; every route is in the OpenAPI schema."""

from fastapi import APIRouter

from sleuth.web.api import case, search

ROUTERS: tuple[APIRouter, ...] = (case.router, search.router)
