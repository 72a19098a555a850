#!/usr/bin/env python3
"""Seal-level figures of a report against a generated corpus's expected.json.

    tests/eval/seals.py CORPUS/expected.json REPORT.json

For every document the corpus drew seals on, the report's seals on the same file and page
are paired with the drawn ones (same owner first, then the most similar text). Prints how
many drawn seals were found, and for round and oval seals how many had their ring text
reported exactly, by ink as drawn (red, grey) and by copy (colour, grey page), plus the
seals reported on pages where none was drawn.
"""
import argparse
import json
import os
import sys
from collections import Counter


def norm(s):
    s = (s or '').replace('(', '（').replace(')', '）')
    return ''.join(c for c in s if '\u4e00' <= c <= '\u9fff' or c in '（）' or c.isdigit()
                   or ('A' <= c <= 'Z'))


def overlap(a, b):
    """Characters of b that a holds, as a share of b."""
    a, b = norm(a), norm(b)
    if not b:
        return 0.0
    pool = list(a)
    hit = 0
    for c in b:
        if c in pool:
            pool.remove(c)
            hit += 1
    return hit / len(b)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('expected')
    ap.add_argument('report')
    ap.add_argument('-v', '--verbose', action='store_true', help='list every ring read wrong')
    args = ap.parse_args()
    expected = json.load(open(args.expected))['submissions']
    report = json.load(open(args.report))['submissions']
    by_sub = {os.path.basename(s['path'].rstrip('/')): s for s in report}

    drawn = found = 0
    exact, total = Counter(), Counter()
    extra_pages = seal_free_pages = 0
    for sid, sub in sorted(expected.items()):
        got = by_sub.get(sid)
        if not got:
            continue
        for doc in sub['documents']:
            reported = [d for d in got['documents'] if d['file'] == doc['file']]
            seals = [s for d in reported for s in d.get('seals', [])]
            for page in doc.get('pages', [1]):
                want = [s for s in doc['seals'] if s.get('page') == page and s.get('present', True)]
                have = [s for s in seals if s['page'] == page]
                if not want:
                    seal_free_pages += 1
                    extra_pages += bool(have)
                    continue
                drawn += len(want)
                free = list(have)
                for w in want:
                    if not free:
                        continue
                    same = [h for h in free if h.get('owner') == w['owner']] or free
                    h = max(same, key=lambda h: overlap(h.get('text', ''), w.get('text', '')))
                    free.remove(h)
                    found += 1
                    if w['shape'] not in ('round', 'oval') or not w.get('text'):
                        continue
                    key = (w.get('colour', '?'), doc.get('copy', '?'))
                    total[key] += 1
                    ok = norm(h.get('text')) == norm(w['text'])
                    exact[key] += ok
                    if args.verbose and not ok:
                        print(f"  {sid} {doc['file']} p{page} {w['owner']}: "
                              f"{h.get('text')!r} for {w['text']!r}")
    print(f"seals found                 {found} / {drawn}")
    print(f"pages without a seal, seal reported  {extra_pages} / {seal_free_pages}")
    for key in sorted(total):
        print(f"ring text exact, {key[0]} ink, {key[1]} copy: {exact[key]} / {total[key]}"
              f" = {exact[key] / total[key]:.2f}")
    all_exact, all_total = sum(exact.values()), sum(total.values())
    if all_total:
        print(f"ring text exact, all: {all_exact} / {all_total} = {all_exact / all_total:.2f}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
