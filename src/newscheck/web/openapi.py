"""The OpenAPI document names the report's JSON Schema (report/schema.json) as the answer of
POST /api/check: its $defs become components, prefixed "Report", so one schema serves both."""
from __future__ import annotations

import json

from ..report.json import load_schema


def report_components() -> dict:
    """schema.json as OpenAPI components: the report as "Report", each $def as "Report<name>"."""
    text = json.dumps(load_schema())
    for name in load_schema()["$defs"]:
        text = text.replace(f'"#/$defs/{name}"', f'"#/components/schemas/Report{name[0].upper()}{name[1:]}"')
    schema = json.loads(text)
    defs = schema.pop("$defs")
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = {"Report": schema}
    components.update({f"Report{name[0].upper()}{name[1:]}": body for name, body in defs.items()})
    return components


def add_report_schema(app) -> None:
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            document = build()
            document.setdefault("components", {}).setdefault("schemas", {}).update(report_components())
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi
