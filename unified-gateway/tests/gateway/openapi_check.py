"""Checks the gateway's OpenAPI documents with Python's reference tools.

Reads a plan on stdin: {"documents": [path, ...], "bodies": [{"document": path, "schema": name,
"body": value}, ...]} (a schema named `...Response` is judged as a response, any other as a
request). Prints {"documents": {path: null or the first line of the error},
"verdicts": [bool, ...]}: each body validated against the named component schema of its
document, by openapi-schema-validator's validator for the document's OpenAPI version.
"""

import json
import sys

from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator, OAS31Validator
from openapi_spec_validator import validate

plan = json.load(sys.stdin)
loaded = {}


def document(path):
    if path not in loaded:
        with open(path, encoding="utf-8") as file:
            loaded[path] = json.load(file)
    return loaded[path]


documents = {}
for path in plan["documents"]:
    try:
        validate(document(path))
        documents[path] = None
    except Exception as error:  # the validator's own error types vary by version
        documents[path] = (str(error).splitlines() or ["invalid"])[0]

verdicts = []
for case in plan["bodies"]:
    spec = document(case["document"])
    schema = spec["components"]["schemas"][case["schema"]]
    # 3.0 judges requests in its write context (a required `writeOnly` member is required) and
    # responses in its read context.
    if not spec["openapi"].startswith("3.0"):
        validator = OAS31Validator
    elif case["schema"].endswith("Response"):
        validator = OAS30ReadValidator
    else:
        validator = OAS30WriteValidator
    # Formats asserted, as the gateway does (`uri` is checked with rfc3987).
    checker = validator.FORMAT_CHECKER
    verdicts.append(validator(schema, format_checker=checker).is_valid(case["body"]))

json.dump({"documents": documents, "verdicts": verdicts}, sys.stdout)
