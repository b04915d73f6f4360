"""The API's documentation as an NHS.UK page, drawn from the same OpenAPI schema that
/api/schema/ serves: no third-party viewer, no scripts, nothing from other hosts."""

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ["get", "post", "put", "patch", "delete"]


def _type_of(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " and ".join(_type_of(part) for part in schema["allOf"])
    if "oneOf" in schema:
        return " or ".join(_type_of(part) for part in schema["oneOf"])
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    kind = schema.get("format") or schema.get("type") or "any"
    if "enum" in schema:
        values = [str(v) for v in schema["enum"] if v not in (None, "")]
        shown = ", ".join(values[:12]) + (f" and {len(values) - 12} more" if len(values) > 12 else "")
        kind = f"one of: {shown}"
    return kind + (" or null" if schema.get("nullable") else "")


def _parameter(p: dict) -> dict:
    return {"name": p["name"], "where": p["in"], "required": p.get("required", False),
            "type": _type_of(p.get("schema", {})), "description": p.get("description", "")}


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method not in item:
                continue
            op = item[method]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            operations.append({
                "id": op["operationId"], "method": method.upper(), "path": path,
                "tag": (op.get("tags") or ["other"])[0],
                "summary": op.get("summary") or op.get("description", "").split("\n")[0],
                "description": op.get("description", ""),
                "parameters": [_parameter(p) for p in op.get("parameters", [])],
                "body": _type_of(body) if body else None,
                "responses": [{"code": code, "description": r.get("description", ""),
                               "type": _type_of(r.get("content", {}).get("application/json", {})
                                                .get("schema", {})) if r.get("content") else ""}
                              for code, r in op["responses"].items()],
            })
    return operations


def _components(schema: dict) -> list[dict]:
    found = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        found.append({"name": name, "description": component.get("description", ""),
                      "fields": [{"name": field, "type": _type_of(spec), "required": field in required,
                                  "read_only": spec.get("readOnly", False),
                                  "description": spec.get("description", "")}
                                 for field, spec in component.get("properties", {}).items()],
                      "enum": component.get("enum")})
    return found


def api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = _operations(schema)
    tags = sorted({op["tag"] for op in operations})
    return render(request, "api/docs.jinja", {
        "schema": schema, "tags": [(tag, [op for op in operations if op["tag"] == tag]) for tag in tags],
        "components": _components(schema),
    })
