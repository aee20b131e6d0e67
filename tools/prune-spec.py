#!/usr/bin/env python3
"""Writes the small copy of a provider's OpenAPI document that our tests validate requests against.

The published documents are large (OpenAI's is 3 MB and takes ~17 s to load in the JVM validator), so
the tests carry only the operations we call and the components they reference. Convert the
provider's published document to JSON (with the paths prefixed as the provider's base URL needs, e.g.
/v1), then regenerate with:

  python3 tools/prune-spec.py /tmp/openai.json src/test/resources/upstream-specs/openai.json /v1/chat/completions
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


def main():
    src, dst, *paths = sys.argv[1:]
    doc = json.load(open(src, encoding="utf-8"))
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
