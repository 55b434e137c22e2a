#!/usr/bin/env python3
"""Validates request bodies the gateway sent against the providers' published OpenAPI specs.

Usage: validate_requests.py SPECS_DIR REQUESTS_JSON
REQUESTS_JSON is the fake server's /_requests list. Chat bodies are checked against
OpenRouter's ChatRequest; transcription forms against OpenAI's CreateTranscriptionRequest
(form values converted to the schema's types, as a server would). Prints one line per problem
and exits 1 if there is any.
"""
import json
import sys

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
from jsonschema import Draft202012Validator


def validator(spec, name):
    schema = {"$ref": "#/components/schemas/" + name, "components": spec["components"]}
    return Draft202012Validator(schema)


def coerce(fields, schema_props):
    instance = {}
    for name, value in fields.items():
        base = name[:-2] if name.endswith("[]") else name
        prop = schema_props.get(base, {})
        if isinstance(value, dict) and "filename" in value:
            instance[base] = "<binary %d bytes>" % value["bytes"]
        elif prop.get("type") == "number":
            instance[base] = float(value)
        elif prop.get("type") == "array":
            instance[base] = value if isinstance(value, list) else [value]
        else:
            instance[base] = value
    return instance


def main():
    specs, requests_path = sys.argv[1], sys.argv[2]
    with open(specs + "/openrouter-openapi.yaml") as handle:
        openrouter = yaml.load(handle, Loader=LOADER)
    with open(specs + "/openai-openapi.yaml") as handle:
        openai = yaml.load(handle, Loader=LOADER)
    with open(requests_path) as handle:
        requests = json.load(handle)
    chat = validator(openrouter, "ChatRequest")
    transcription = validator(openai, "CreateTranscriptionRequest")
    transcription_props = openai["components"]["schemas"]["CreateTranscriptionRequest"]["properties"]
    problems, checked = [], 0
    for request in requests:
        body = request.get("body")
        if request["path"].endswith("/chat/completions"):
            checked += 1
            for error in chat.iter_errors(body):
                problems.append("chat %s: %s" % ("/".join(map(str, error.path)), error.message[:300]))
        elif request["path"].endswith("/audio/transcriptions"):
            checked += 1
            if not body["content_type"].startswith("multipart/form-data; boundary="):
                problems.append("transcription: content type %s" % body["content_type"])
            file_part = body["multipart"].get("file")
            if not (isinstance(file_part, dict) and file_part.get("filename")):
                problems.append("transcription: file part has no filename")
            for error in transcription.iter_errors(coerce(body["multipart"], transcription_props)):
                problems.append("transcription %s: %s" % ("/".join(map(str, error.path)), error.message[:300]))
    for problem in problems:
        print(problem)
    print("checked %d requests, %d problems" % (checked, len(problems)))
    sys.exit(1 if problems or checked == 0 else 0)


if __name__ == "__main__":
    main()
