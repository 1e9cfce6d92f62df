"""Checks the machine-readable files of a built site with independent tools:
/data/cases.json against its JSON Schema (jsonschema), /data/catalog.jsonld
as JSON-LD (expanded with pyld: every file under /data/ must be a
distribution), and every fingerprint of /data/reports/*.json recomputed.

    python3 tests/data/check.py public
"""
import hashlib
import json
import pathlib
import sys

import jsonschema
from pyld import jsonld

site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "public")
repo = pathlib.Path(__file__).resolve().parents[2]
problems = 0

cases = json.loads((site / "data/cases.json").read_text(encoding="utf-8"))
schema = json.loads((repo / "docs/schemas/cases.schema.json").read_text(encoding="utf-8"))
jsonschema.validate(cases, schema)
print(f"cases.json: {len(cases['cases'])} cases, valid against the schema")

catalog = json.loads((site / "data/catalog.jsonld").read_text(encoding="utf-8"))
expanded = jsonld.expand(catalog)
dcat = "http://www.w3.org/ns/dcat#"
urls = set()
for node in expanded:
    for dataset in node.get(dcat + "dataset", []):
        for dist in dataset.get(dcat + "distribution", []):
            for url in dist.get(dcat + "downloadURL", []):
                urls.add(url["@id"])
base = catalog["foaf:homepage"]["@id"]
files = {base + "data/" + str(p.relative_to(site / "data")) for p in (site / "data").rglob("*") if p.is_file()}
files.discard(base + "data/catalog.jsonld")
# Reports printed with `build --pdf` are distributions of their report too.
# The PDF of a version as presented is linked from its page and not listed
# (docs/reports-pdf.md): the catalogue lists each report's current version.
files |= {
    base + str(p.relative_to(site))
    for p in site.rglob("*.pdf")
    if "as-presented" not in p.parts
}
if files != urls:
    problems += 1
    print("catalog.jsonld: missing", sorted(files - urls), "extra", sorted(urls - files))
else:
    print(f"catalog.jsonld: expands as JSON-LD and lists all {len(files)} data files")

for bundle_path in sorted((site / "data/reports").glob("*.json")):
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    for lang, part in bundle["languages"].items():
        text = json.dumps(part["content"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != part["fingerprint"]:
            problems += 1
            print(f"{bundle_path.name} ({lang}): fingerprint does not recompute")
        kept = part.get("as_presented")
        if kept is not None:
            text = json.dumps(kept["content"], sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            if "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest() != kept["fingerprint"]:
                problems += 1
                print(f"{bundle_path.name} ({lang}): the fingerprint as presented does not recompute")
print("report fingerprints: recomputed" if not problems else f"{problems} problem(s)")
sys.exit(1 if problems else 0)
