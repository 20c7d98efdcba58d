#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates every shipped procedure file (forms/procedures/*.json) against
# forms/procedure.schema.json (JSON Schema draft 2020-12), checks that each
# file is named after its code, and that the schema refuses a few broken
# entries the C loader refuses too.  Needs python3 with the jsonschema module
# (Debian: python3-jsonschema); without it the test says "skipped" and passes.
set -u
here=$(cd "$(dirname "$0")" && pwd)
forms=${MOTCUA_FORMS_DIR:-$here/../../forms}

if ! command -v python3 >/dev/null 2>&1; then
  echo "skipped: python3 is not installed"
  exit 0
fi
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "skipped: python3 module jsonschema is missing (apt install python3-jsonschema)"
  exit 0
fi

exec python3 - "$forms" <<'PY'
import glob, json, os, sys
from jsonschema import Draft202012Validator

forms = sys.argv[1]
with open(os.path.join(forms, "procedure.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)

bad = 0
files = sorted(glob.glob(os.path.join(forms, "procedures", "*.json")))
for path in files:
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errs:
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        print(f"{path}: {where}: {e.message}")
        bad += 1
    if isinstance(doc, dict) and os.path.basename(path) != f"{doc.get('code')}.json":
        print(f"{path}: file name does not match code {doc.get('code')!r}")
        bad += 1
    # a time names its article; no time says why and how the office sets it
    if isinstance(doc, dict):
        src = doc.get("source", "")
        if "processing_days" in doc:
            if not any(w in src for w in ("Art. ", "Điều ", "Mục ")):
                print(f"{path}: processing_days without an article in source")
                bad += 1
        elif "catalogue set-time" not in doc.get("processing_time_note", ""):
            print(f"{path}: no processing_days and no processing_time_note "
                  "saying the office sets it (motcua catalogue set-time)")
            bad += 1
    if isinstance(doc, dict) and "fields" in doc:
        keys = [x.get("key") for x in doc["fields"]]
        if len(keys) != len(set(keys)):
            print(f"{path}: fields: duplicate key")
            bad += 1

if len(files) < 20:
    print(f"only {len(files)} procedure files (at least 20 expected)")
    bad += 1

# The schema must refuse what the loader refuses.
base = {"code": "x1", "name_vi": "Hưởng", "field": "Thu",
        "applicant_kinds": ["person"], "channels": ["direct"], "version": 1}
assert v.is_valid(base), "minimal entry must be valid"
broken = {
    "unknown key": dict(base, nmae_en="x"),
    "days without unit": dict(base, processing_days=7),
    "unit without days": dict(base, processing_unit="workdays"),
    "zero days": dict(base, processing_days=0, processing_unit="workdays"),
    "bad form": dict(base, documents=[{"name": "A", "required": True, "form": "photocopy", "count": 1}]),
    "missing count": dict(base, documents=[{"name": "A", "required": True, "form": "copy"}]),
    "repeated kind": dict(base, applicant_kinds=["person", "person"]),
    "empty name": dict(base, name_vi=""),
    "bad code": dict(base, code="1 014"),
    "missing field": {k: x for k, x in base.items() if k != "field"},
    "empty time note": dict(base, processing_time_note=""),
    "time note with spaces": dict(base, processing_time_note=" x "),
}
for name, doc in broken.items():
    if v.is_valid(doc):
        print(f"schema accepts a broken entry: {name}")
        bad += 1

if bad:
    print(f"FAIL: {bad} problem(s)")
    sys.exit(1)
print(f"ok: {len(files)} procedure files valid against procedure.schema.json")
PY
