"""The API root: /api/v1/ with its OpenAPI schema at /api/v1/openapi.json.

Every operation's schema documents the error answers the API gives: 422 with the list of refused parameters
(ninja's validation, or a control character refused by ``core.middleware``) and, for the operations that name
an object in their path, 404 when it does not exist or is hidden. String query parameters say in a pattern that
control characters are refused.
"""

from ninja import NinjaAPI

from .territories import router as territories_router

NOT_FOUND = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# What core.middleware refuses in any query parameter (core.text.has_control_characters), as a JSON Schema pattern.
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"
VALIDATION_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "array", "items": {"type": "object"}}},
    "required": ["detail"],
}


class RemactoAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema documents the 404 and 422 answers."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["components"].setdefault("schemas", {}).update(NotFound=NOT_FOUND, ValidationError=VALIDATION_ERROR)
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "query" and parameter["schema"].get("type") == "string":
                        parameter["schema"].setdefault("pattern", NO_CONTROL_CHARACTERS)
                responses = operation["responses"]
                responses["422"] = _response("Invalid parameters", "ValidationError")
                if "{" in path:
                    responses["404"] = _response("Not found, or hidden by moderation", "NotFound")
        return schema


def _response(description: str, component: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


api = RemactoAPI(
    title="REMACTO API",
    version="1",
    description="Read API of the REMACTO platform: territories, members and (later) programmes and projects.",
    urls_namespace="api-v1",
)
api.add_router("/", territories_router)
api.add_router("/", "remacto.api.cocreation.router")
api.add_router("/", "remacto.api.budgets.router")
api.add_router("/", "remacto.api.monitoring.router")
api.add_router("/", "remacto.api.cases.router")
api.add_router("/", "remacto.api.advisory.router")
api.add_router("/", "remacto.api.petitions.router")
api.add_router("/", "remacto.api.information.router")
api.add_router("/", "remacto.api.network.router")
api.add_router("/", "remacto.api.support.router")
api.add_router("/", "remacto.api.practices.router")
api.add_router("/", "remacto.api.events.router")
api.add_router("/", "remacto.api.netdash.router")
