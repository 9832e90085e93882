"""A schema postprocessing hook: the error answers every operation can give, documented once.

Every endpoint authenticates (401), checks the role (403), is rate limited (429); one with
parameters or a body validates them (400); one with an id or a page looks something up
(404). Views document their own shapes where they differ; this fills in the rest so the
published schema describes every answer the API really gives.
"""

from __future__ import annotations

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {"type": "object", "additionalProperties": True}
DESCRIPTIONS = {
    "400": "Invalid input: a message list per field (or non_field_errors).",
    "401": "No valid API key or session.",
    "403": "The caller's role may never do this.",
    "404": "Not found, or outside the caller's scope.",
    "429": "Too many requests; retry after the Retry-After header.",
}


def _answer(code: str) -> dict:
    schema = FIELD_ERRORS if code == "400" else DETAIL
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": schema}},
    }


def document_common_errors(result, generator, request, public):
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            codes = ["401", "403", "429"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            names = {p.get("name") for p in operation.get("parameters", [])}
            # An id or a page is looked up; an unknown ?format= is not found either.
            if "{" in path or names & {"page", "format"}:
                codes.append("404")
            for code in codes:
                responses.setdefault(code, _answer(code))
    return result
