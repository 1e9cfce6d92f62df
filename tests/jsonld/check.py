"""Checks schema.org JSON-LD documents the way a consumer reads them.

    python3 check.py DOCUMENTS.json

DOCUMENTS.json maps a name (the page's path) to the list of JSON-LD texts
found in it. For each document it checks, with pyld and no network access
(the schema.org context is served from schemaorg/context.jsonld):

- no `null` anywhere, and the context is schema.org's;
- expansion drops no term: every key of the input expands to an IRI, and
  every property the input states is still there after expansion;
- every type and property is a schema.org term of the vocabulary
  (schemaorg/vocabulary.json), not replaced by another (supersededBy);
  terms still pending are accepted, as they are part of the current release
  and some have no stable equivalent (a Dataset's variableMeasured, a
  report's creativeWorkStatus);
- every property applies to the type of its node (domainIncludes) and every
  typed value is of a type the property expects (rangeIncludes), counting
  subclasses;
- every `@id` (addresses, licences) is an absolute http(s) address, and
  every value schema.org types as a Date is an ISO 8601 date.

Prints one line per problem (`name: problem`) and a summary; exits with 1
when there is a problem.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

from pyld import jsonld

HERE = Path(__file__).resolve().parent / "schemaorg"
SCHEMA = ("http://schema.org/", "https://schema.org/")
CONTEXT_URLS = {
    "http://schema.org", "http://schema.org/", "https://schema.org", "https://schema.org/",
    "https://schema.org/docs/jsonldcontext.jsonld", "http://schema.org/docs/jsonldcontext.jsonld",
}
CONTEXT = json.loads((HERE / "context.jsonld").read_text(encoding="utf-8"))
VOCAB = json.loads((HERE / "vocabulary.json").read_text(encoding="utf-8"))
CLASSES = VOCAB["classes"]
PROPERTIES = VOCAB["properties"]
SUPERSEDED = set(VOCAB["superseded"])
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def loader(url, options=None):
    """Serves the vendored schema.org context; anything else is refused."""
    if url in CONTEXT_URLS:
        return {"contentType": "application/ld+json", "contextUrl": None,
                "documentUrl": url, "document": CONTEXT}
    raise jsonld.JsonLdError(f"no network: {url} is not the schema.org context",
                             "jsonld.LoadDocumentError", code="loading document failed")


# Relative addresses are resolved against this base, so that they show.
RELATIVE = "https://relative.invalid/"
OPTIONS = {"documentLoader": loader, "base": RELATIVE}


def absolute(iri):
    """True for an absolute http(s) address (not one resolved against RELATIVE)."""
    return iri.startswith(("https://", "http://")) and not iri.startswith(RELATIVE)


def ancestors(name):
    """`name` and every class it is a subclass of."""
    seen, todo = set(), [name]
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo.extend(CLASSES.get(c, []))
    return seen


def local(iri):
    """The schema.org name of `iri`, or None for another vocabulary."""
    for prefix in SCHEMA:
        if iri.startswith(prefix):
            return iri[len(prefix):]
    return None


def nulls(value, path="$"):
    """The paths of every null in `value`."""
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in nulls(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in nulls(v, f"{path}[{i}]")]
    return []


_expanded_keys = {}


def expand_key(key):
    """The IRI a key of a node expands to with the schema.org context, or None."""
    if key not in _expanded_keys:
        doc = {"@context": "https://schema.org", key: {"@id": "urn:x:value"}}
        out = jsonld.expand(doc, OPTIONS)
        keys = [k for k in (out[0] if out else {}) if not k.startswith("@")]
        _expanded_keys[key] = keys[0] if keys else None
    return _expanded_keys[key]


def input_properties(value, found):
    """Every (node key) of the input document, as the IRIs they expand to;
    the keys that expand to nothing are returned."""
    dropped = []
    if isinstance(value, dict):
        if "@value" not in value:
            for key, v in value.items():
                if key.startswith("@"):
                    continue
                iri = expand_key(key)
                if iri is None:
                    dropped.append(key)
                else:
                    found[iri] += 1
        for key, v in value.items():
            if key != "@context":
                dropped += input_properties(v, found)
    elif isinstance(value, list):
        for v in value:
            dropped += input_properties(v, found)
    return dropped


def expanded_properties(value, found):
    """Counts every property of every node of an expanded document."""
    if isinstance(value, dict):
        for key, v in value.items():
            if not key.startswith("@"):
                found[key] += 1
            expanded_properties(v, found)
    elif isinstance(value, list):
        for v in value:
            expanded_properties(v, found)


def check_node(node, problems, where):
    """Checks an expanded node and the nodes it holds."""
    types = node.get("@type", [])
    names = []
    for t in types:
        name = local(t)
        if name is None or name not in CLASSES:
            problems.append(f"{where}: {t} is not a schema.org type")
        elif name in SUPERSEDED:
            problems.append(f"{where}: the type {name} is superseded")
        else:
            names.append(name)
    if "@id" in node and not absolute(node["@id"]):
        problems.append(f"{where}: the address {node['@id'].replace(RELATIVE, '')!r} "
                        "is not absolute")
    properties = [k for k in node if not k.startswith("@")]
    if properties and not types:
        problems.append(f"{where}: a node without a @type has {', '.join(properties)}")
    kinds = set().union(*(ancestors(n) for n in names)) if names else set()
    for key in properties:
        prop = local(key)
        here = f"{where} {prop or key}"
        if prop is None or prop not in PROPERTIES:
            problems.append(f"{here}: {key} is not a schema.org property")
            continue
        if prop in SUPERSEDED:
            problems.append(f"{here}: the property {prop} is superseded")
        spec = PROPERTIES[prop]
        if names and not kinds & set(spec["domain"]):
            problems.append(f"{here}: {prop} does not apply to {'/'.join(names)} "
                            f"(it applies to {', '.join(spec['domain'])})")
        for value in node[key]:
            if "@value" in value:
                if value.get("@type") in ("http://schema.org/Date", "https://schema.org/Date") \
                        and not DATE.match(str(value["@value"])):
                    problems.append(f"{here}: {value['@value']!r} is not an ISO 8601 date")
                continue
            if "@list" in value:
                problems.append(f"{here}: unexpected @list")
                continue
            value_types = [local(t) for t in value.get("@type", [])]
            if value_types and all(value_types):
                accepted = set().union(*(ancestors(t) for t in value_types))
                if not accepted & set(spec["range"]):
                    problems.append(f"{here}: a {'/'.join(value_types)} is not what {prop} "
                                    f"expects ({', '.join(spec['range'])})")
            check_node(value, problems, here)


def check(name, text):
    """The problems of one JSON-LD text of page `name`."""
    problems = []
    try:
        doc = json.loads(text)
    except ValueError as e:
        return [f"{name}: not JSON: {e}"]
    for path in nulls(doc):
        problems.append(f"{name}: null at {path}")
    if doc.get("@context") != "https://schema.org":
        problems.append(f"{name}: the context is {doc.get('@context')!r}, not https://schema.org")
        return problems
    stated = Counter()
    for key in input_properties(doc, stated):
        problems.append(f"{name}: the key {key!r} expands to no IRI: it is dropped")
    expanded = jsonld.expand(doc, OPTIONS)
    kept = Counter()
    expanded_properties(expanded, kept)
    for iri, count in sorted((stated - kept).items()):
        problems.append(f"{name}: {iri} is dropped in expansion ({count} of {stated[iri]})")
    if len(expanded) != 1:
        problems.append(f"{name}: {len(expanded)} top-level nodes after expansion")
    for node in expanded:
        check_node(node, problems, name)
    return problems


def main(path):
    pages = json.loads(Path(path).read_text(encoding="utf-8"))
    problems, documents, types = [], 0, Counter()
    for name, texts in sorted(pages.items()):
        for text in texts:
            documents += 1
            found = check(name, text)
            problems += found
            if not found:
                types[json.loads(text)["@type"]] += 1
    for p in problems:
        print(p)
    print(f"checked {documents} documents of {len(pages)} pages: "
          + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    print(f"problems: {len(problems)}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv[1])
