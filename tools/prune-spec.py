#!/usr/bin/env python3
"""Writes the small copy of a provider's OpenAPI document that our tests validate requests against.

The published documents are large (OpenAI's is 3 MB and takes ~17 s to load in the JVM validator), so
the tests carry only the operations we call and the components they reference. Convert the
provider's published document to JSON (with the paths prefixed as the provider's base URL needs, e.g.
/v1), then regenerate with:

  python3 tools/prune-spec.py /tmp/openai.json src/test/resources/upstream-specs/openai.json /v1/chat/completions /v1/embeddings
  python3 tools/prune-spec.py /tmp/openai.json src/test/resources/upstream-specs/openai-responses.json /v1/responses \
      --narrow InputItem=EasyInputMessage,Item \
      --narrow Item=FunctionToolCall,FunctionCallOutputItemParam,ReasoningItem \
      --narrow Tool=FunctionTool --narrow ToolChoiceParam=ToolChoiceOptions,ToolChoiceFunction --requests-only

The Responses API has a file of its own, so that the Chat Completions tests do not load its schemas. --narrow keeps
only the alternatives of a union that the gateway sends (its input items, function tools, its tool choices), and
--requests-only drops the answers' schemas (every output item and stream event type), which the tests do not
validate: whole, the validator takes about a minute to load the document; so pruned, under a few seconds.
"""
import json
import sys


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            found.add(ref)
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def resolve(doc, pointer):
    node = doc
    for token in pointer[2:].split("/"):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


def narrow(doc, spec):
    """Keeps only the named alternatives of a schema's oneOf/anyOf: Schema=VariantA,VariantB."""
    name, variants = spec.split("=", 1)
    keep = {"#/components/schemas/" + v for v in variants.split(",")}
    schema = doc["components"]["schemas"][name]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            schema[key] = [alt for alt in schema[key] if alt.get("$ref") in keep]
    mapping = schema.get("discriminator", {}).get("mapping")
    if mapping:
        schema["discriminator"]["mapping"] = {k: v for k, v in mapping.items() if v in keep}


def main():
    args = sys.argv[1:]
    narrowed = [args[i + 1] for i, a in enumerate(args) if a == "--narrow"]
    requests_only = "--requests-only" in args
    args = [a for i, a in enumerate(args)
            if a not in ("--narrow", "--requests-only") and (i == 0 or args[i - 1] != "--narrow")]
    src, dst, *paths = args
    doc = json.load(open(src, encoding="utf-8"))
    for spec in narrowed:
        narrow(doc, spec)
    if requests_only:
        for path in paths:
            for operation in doc["paths"][path].values():
                if isinstance(operation, dict) and "responses" in operation:
                    operation["responses"] = {"200": {"description": "not validated: the tests check requests"}}
    kept = {p: doc["paths"][p] for p in paths}
    pending, seen = set(), set()
    refs(kept, pending)
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        refs(resolve(doc, ref), pending)
    components = {}
    for ref in seen:
        parts = ref[2:].split("/")
        if parts[0] != "components" or len(parts) < 3:
            continue
        section, name = parts[1], parts[2].replace("~1", "/").replace("~0", "~")
        components.setdefault(section, {})[name] = doc["components"][section][name]
    out = {k: v for k, v in doc.items() if k not in ("paths", "components", "webhooks", "x-oaiMeta", "tags")}
    out["paths"] = kept
    out["components"] = components
    if "securitySchemes" in doc.get("components", {}):
        out["components"]["securitySchemes"] = doc["components"]["securitySchemes"]
    json.dump(out, open(dst, "w", encoding="utf-8"), indent=1, sort_keys=True)
    print(f"{dst}: {len(kept)} paths, {sum(len(v) for v in components.values())} components")


if __name__ == "__main__":
    main()
