#!/usr/bin/env python3
"""Compares precheck reports with expected results and prints accuracy per defect code.

Usage: evaluate.py EXPECTED.json REPORT.json [--codes C1,C2] [--min-recall R]
       [--min-precision P] [--min-classification A] [--min-fields F] [--quiet] [--json OUT]

EXPECTED follows the schema of samples/README.md (the generator's expected.json); REPORT is
`precheck batch --json` output. Prints, per defect code, true/false positives, false negatives,
precision and recall; material classification accuracy; field accuracy over normalised
values; submission verdict accuracy; the share of submissions with a REVIEW_NEEDED warning.
With thresholds, exits 1 when any is not met.
"""
import argparse
import json
import os
import sys
from collections import defaultdict


def norm_file(path):
    return os.path.basename(path) if path else path


def defect_places(exp):
    places = [exp]
    for alt in exp.get("alt", []) or []:
        merged = dict(exp)
        merged.update(alt)
        places.append(merged)
    return places


def matches(exp, got):
    if exp["code"] != got["code"]:
        return False
    for key in ("file", "document", "field"):
        want = exp.get(key)
        have = got.get(key)
        if key == "file":
            want, have = norm_file(want), norm_file(have)
        if want in (None, "") :
            continue
        if key == "document" and exp["code"] == "DOC_UNREADABLE" and not have:
            continue  # the material of an unreadable file cannot be known
        if want != have:
            return False
    return True


def evaluate(expected, report, codes=None):
    subs = expected["submissions"]
    got_subs = {s["id"]: s for s in report["submissions"]}
    counts = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    docs_total = docs_right = 0
    fields_total = fields_right = 0
    verdict_total = verdict_right = 0
    mistakes = []
    for sid, exp in sorted(subs.items()):
        got = got_subs.get(sid)
        if got is None:
            mistakes.append(f"{sid}: missing from the report")
            continue
        verdict_total += 1
        if got["verdict"] == exp["verdict"]:
            verdict_right += 1
        else:
            mistakes.append(f"{sid}: verdict {got['verdict']} (expected {exp['verdict']})")

        # Material classification.
        for d in exp["documents"]:
            if d.get("unreadable"):
                continue
            docs_total += 1
            hit = [g for g in got["documents"] if norm_file(g["file"]) == d["file"]
                   and set(g["pages"]) & set(d["pages"])]
            if any(g["type"] == d["type"] for g in hit):
                docs_right += 1
            else:
                mistakes.append(f"{sid}: {d['file']} typed {[g['type'] for g in hit]}"
                                f" (expected {d['type']})")

        # Fields (normalised values) of the materials that were read.
        unreadable = {d["type"] for d in exp["documents"] if d.get("unreadable")}
        for material, fields in exp.get("fields", {}).items():
            if material in unreadable:
                continue
            got_docs = [g for g in got["documents"] if g["type"] == material]
            for key, value in fields.items():
                fields_total += 1
                values = [g["fields"].get(key, {}).get("value", "") for g in got_docs]
                if value in values:
                    fields_right += 1
                else:
                    mistakes.append(f"{sid}: {material}.{key} = {values} (expected {value!r})")

        # Defects.
        got_defects = [g for g in got["defects"] if not codes or g["code"] in codes]
        exp_defects = [e for e in exp["defects"] if not codes or e["code"] in codes]
        used = set()
        for e in exp_defects:
            found = None
            for i, g in enumerate(got_defects):
                if i in used:
                    continue
                if any(matches(p, g) for p in defect_places(e)):
                    found = i
                    break
            if found is not None:
                used.add(found)
                if not e.get("optional"):
                    counts[e["code"]]["tp"] += 1
            elif not e.get("optional"):
                counts[e["code"]]["fn"] += 1
                mistakes.append(f"{sid}: missed {e['code']} {e.get('document')}.{e.get('field')}"
                                f" in {e.get('file')}")
        for i, g in enumerate(got_defects):
            if i not in used:
                counts[g["code"]]["fp"] += 1
                mistakes.append(f"{sid}: extra {g['code']} {g.get('document')}.{g.get('field')}"
                                f" in {g.get('file')}: {g.get('message')}")
    reviewed = sum(1 for s in got_subs.values() if s["id"] in subs and any(
        d["code"] == "REVIEW_NEEDED" for d in s["defects"]))
    return {
        "reviewed": (reviewed, verdict_total),
        "codes": dict(counts),
        "classification": (docs_right, docs_total),
        "fields": (fields_right, fields_total),
        "verdict": (verdict_right, verdict_total),
        "mistakes": mistakes,
    }


def ratio(pair):
    right, total = pair
    return right / total if total else 1.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("expected")
    ap.add_argument("report")
    ap.add_argument("--codes", help="only these defect codes (comma-separated)")
    ap.add_argument("--min-precision", type=float)
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--min-classification", type=float)
    ap.add_argument("--min-fields", type=float)
    ap.add_argument("--quiet", action="store_true", help="do not list the mistakes")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--thresholds", help="JSON file of minimums: {\"codes\": {CODE: "
                    "{\"precision\": P, \"recall\": R}}, \"classification\": A, "
                    "\"fields\": F, \"verdict\": V}; exit 1 below any")
    args = ap.parse_args()
    codes = set(args.codes.split(",")) if args.codes else None
    with open(args.expected, encoding="utf-8") as f:
        expected = json.load(f)
    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    r = evaluate(expected, report, codes)

    failed = []
    limits = {}
    if args.thresholds:
        with open(args.thresholds, encoding="utf-8") as f:
            limits = json.load(f)
        for code in limits.get("codes", {}):
            r["codes"].setdefault(code, {"tp": 0, "fp": 0, "fn": 0})
    print(f"{'code':28} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for code, c in sorted(r["codes"].items()):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        print(f"{code:28} {c['tp']:4} {c['fp']:4} {c['fn']:4} {p:9.3f} {rec:7.3f}")
        want = limits.get("codes", {}).get(code, {})
        if c["tp"] + c["fn"] == 0 and code in limits.get("codes", {}):
            failed.append(f"{code} has no expected instance in the corpus")
        if p < want.get("precision", 0):
            failed.append(f"{code} precision {p:.3f} < {want['precision']}")
        if rec < want.get("recall", 0):
            failed.append(f"{code} recall {rec:.3f} < {want['recall']}")
        if args.min_precision is not None and p < args.min_precision:
            failed.append(f"{code} precision {p:.3f} < {args.min_precision}")
        if args.min_recall is not None and rec < args.min_recall:
            failed.append(f"{code} recall {rec:.3f} < {args.min_recall}")
    for name, key, minimum in (("material classification", "classification",
                                args.min_classification),
                               ("field accuracy", "fields", args.min_fields),
                               ("verdict accuracy", "verdict", None)):
        value = ratio(r[key])
        print(f"{name:28} {value:.3f} ({r[key][0]}/{r[key][1]})")
        if key in limits:
            minimum = max(minimum or 0, limits[key])
        if minimum is not None and value < minimum:
            failed.append(f"{name} {value:.3f} < {minimum}")
    print(f"{'routed to review':28} {ratio(r['reviewed']):.3f} ({r['reviewed'][0]}/{r['reviewed'][1]})")
    if args.json:
        figures = {key: list(r[key]) for key in ("classification", "fields", "verdict", "reviewed")}
        figures["codes"] = r["codes"]
        figures["mistakes"] = r["mistakes"]
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, ensure_ascii=False, indent=1)
    if not args.quiet and r["mistakes"]:
        print("\nmistakes:")
        for m in r["mistakes"]:
            print("  " + m)
    for f in failed:
        print("below threshold: " + f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
