"""The JSON API, one router per page's data; every route is in the OpenAPI schema."""

from fastapi import APIRouter

from sleuth.web.api import case, documents, entities, events, graph, search

ROUTERS: tuple[APIRouter, ...] = (case.router, search.router, documents.router, entities.router,
                                  graph.router, events.router)
