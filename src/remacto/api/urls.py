"""The API root: /api/v1/ with its OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from .territories import router as territories_router

api = NinjaAPI(
    title="REMACTO API",
    version="1",
    description="Read API of the REMACTO platform: territories, members and (later) programmes and projects.",
    urls_namespace="api-v1",
)
api.add_router("/", territories_router)
api.add_router("/", "remacto.api.cocreation.router")
