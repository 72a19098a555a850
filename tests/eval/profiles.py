#!/usr/bin/env python3
"""Measures precheck per capture profile on freshly generated corpora and prints the table.

Usage: profiles.py --precheck BIN --out DIR [--count N] [--seed S]
                   [--profiles clean,photocopy,phone,lowq] [--domains D1,D2] [--codes C1,C2]
                   [--defect-rate R] [-j 2]

For each profile it generates DIR/PROFILE/ with samples/generate.py (seed S, N submissions over
the domains), runs `precheck batch --as-of 2025-06-30 --json`, compares with evaluate.py and
keeps the figures in DIR/PROFILE.figures.json. A corpus already generated with the same
arguments is reused. The Markdown table (per defect code precision/recall per profile and
overall; classification, field and verdict accuracy; share routed to review; seconds per page)
goes to stdout and DIR/accuracy.md.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import evaluate  # noqa: E402

AS_OF = "2025-06-30"


def generate(out, profile, args):
    stamp = os.path.join(out, ".args")
    wanted = json.dumps([profile, args.count, args.seed, args.domains, args.codes,
                         args.defect_rate])
    if os.path.exists(os.path.join(out, "expected.json")) and os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as f:
            if f.read() == wanted:
                return
    cmd = ["/usr/bin/python3", os.path.join(ROOT, "samples", "generate.py"), "--out", out,
           "--count", str(args.count), "--seed", str(args.seed), "--profile", profile,
           "--defect-rate", str(args.defect_rate), "--quiet"]
    if args.domains:
        cmd += ["--domains", args.domains]
    if args.codes:
        cmd += ["--codes", args.codes]
    subprocess.run(cmd, check=True)
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(wanted)


def pages_of(expected):
    return sum(len(d["pages"]) for s in expected["submissions"].values() for d in s["documents"]
               if not d.get("unreadable"))


def pr(c):
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
    return p, r


def fmt(v):
    return "–" if v is None else f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--precheck", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=15)
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--profiles", default="clean,photocopy,phone,lowq")
    ap.add_argument("--domains", default="")
    ap.add_argument("--codes", default="")
    ap.add_argument("--defect-rate", type=float, default=0.7)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()

    profiles = args.profiles.split(",")
    os.makedirs(args.out, exist_ok=True)
    results = {}
    for profile in profiles:
        corpus = os.path.join(args.out, profile)
        generate(corpus, profile, args)
        report = os.path.join(args.out, profile + ".report.json")
        start = time.monotonic()
        subprocess.run([args.precheck, "batch", corpus, "--as-of", AS_OF, "-j", str(args.jobs),
                        "--json", report], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.monotonic() - start
        with open(os.path.join(corpus, "expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        with open(report, encoding="utf-8") as f:
            got = json.load(f)
        r = evaluate.evaluate(expected, got)
        r["seconds_per_page"] = seconds * args.jobs / max(1, pages_of(expected))
        r["submissions"] = len(expected["submissions"])
        results[profile] = r
        with open(os.path.join(args.out, profile + ".figures.json"), "w", encoding="utf-8") as f:
            json.dump(r, f, ensure_ascii=False, indent=1)

    codes = sorted({c for r in results.values() for c in r["codes"]})
    overall = {c: {"tp": 0, "fp": 0, "fn": 0} for c in codes}
    for r in results.values():
        for c, v in r["codes"].items():
            for k in ("tp", "fp", "fn"):
                overall[c][k] += v[k]
    lines = []
    head = "| code | " + " | ".join(profiles) + " | all (tp/fp/fn) |"
    lines += [head, "|" + "---|" * (len(profiles) + 2)]
    for c in codes:
        cells = []
        for p in profiles:
            v = results[p]["codes"].get(c)
            cells.append("" if v is None else "%s / %s" % tuple(fmt(x) for x in pr(v)))
        o = overall[c]
        cells.append("%s / %s (%d/%d/%d)" % (*(fmt(x) for x in pr(o)), o["tp"], o["fp"], o["fn"]))
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    for name, key in (("material classification", "classification"), ("fields", "fields"),
                      ("verdicts", "verdict"), ("routed to review", "reviewed")):
        cells = ["%.3f (%d/%d)" % (evaluate.ratio(results[p][key]), *results[p][key])
                 for p in profiles]
        right = sum(results[p][key][0] for p in profiles)
        total = sum(results[p][key][1] for p in profiles)
        cells.append("%.3f (%d/%d)" % (right / total if total else 1.0, right, total))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    cells = ["%.2f" % results[p]["seconds_per_page"] for p in profiles]
    lines.append("| seconds per page (one core) | " + " | ".join(cells) + " | |")
    table = "\n".join(lines)
    print("Precision / recall per code; %d submissions per profile, seed %d.\n" % (
        args.count, args.seed))
    print(table)
    with open(os.path.join(args.out, "accuracy.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
