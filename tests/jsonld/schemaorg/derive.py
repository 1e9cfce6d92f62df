"""Derives vocabulary.json, the part of the schema.org vocabulary that
tests/jsonld/check.py needs, from the release file of the schema.org
repository (https://github.com/schemaorg/schemaorg), so that the test does
not carry the whole 1.5 MB release.

    python3 derive.py schemaorg-current-https.jsonld > vocabulary.json

The input is data/releases/<version>/schemaorg-current-https.jsonld of that
repository. The output lists every class with its direct superclasses,
every property with the classes it applies to (domainIncludes) and the
classes of its values (rangeIncludes), the members of the enumerations, and
which terms are only proposed (pending) or replaced (supersededBy).
"""

import json
import sys

PREFIX = "schema:"


def names(value):
    """The schema.org local names of one reference or a list of them."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    return sorted(v["@id"][len(PREFIX):] for v in value if v["@id"].startswith(PREFIX))


def main(path):
    graph = json.load(open(path, encoding="utf-8"))["@graph"]
    classes, properties, members = {}, {}, {}
    pending, superseded = [], []
    for node in graph:
        ident = node["@id"]
        if not ident.startswith(PREFIX):
            continue
        name = ident[len(PREFIX):]
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "rdfs:Class" in types:
            classes[name] = names(node.get("rdfs:subClassOf"))
        elif "rdf:Property" in types:
            properties[name] = {
                "domain": names(node.get("schema:domainIncludes")),
                "range": names(node.get("schema:rangeIncludes")),
            }
        else:
            members[name] = sorted(t[len(PREFIX):] for t in types if t.startswith(PREFIX))
        part_of = node.get("schema:isPartOf", {})
        if isinstance(part_of, dict) and part_of.get("@id") == "https://pending.schema.org":
            pending.append(name)
        if "schema:supersededBy" in node:
            superseded.append(name)
    out = {
        "source": path,
        "classes": dict(sorted(classes.items())),
        "properties": dict(sorted(properties.items())),
        "members": dict(sorted(members.items())),
        "pending": sorted(pending),
        "superseded": sorted(superseded),
    }
    # One term a line, so that a new release shows as a readable diff.
    print("{")
    keys = list(out)
    for i, key in enumerate(keys):
        end = "," if i < len(keys) - 1 else ""
        value = out[key]
        if isinstance(value, dict):
            print(f"  {json.dumps(key)}: {{")
            items = list(value.items())
            for j, (k, v) in enumerate(items):
                sep = "," if j < len(items) - 1 else ""
                print(f"    {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}{sep}")
            print(f"  }}{end}")
        else:
            print(f"  {json.dumps(key)}: {json.dumps(value)}{end}")
    print("}")


if __name__ == "__main__":
    main(sys.argv[1])
