#!/usr/bin/python3
"""Generate labelled test submissions for precheck.

    /usr/bin/python3 samples/generate.py --out DIR --count N --seed S
        [--domains admin_penalty,serious_list,abnormal_list] [--profile clean|photocopy|phone|lowq|mixed]
        [--defect-rate 0.6] [--codes CODE,...] [--as-of 2025-06-30]

Writes DIR/sub-0001/... (one folder per submission) and DIR/expected.json. See samples/README.md.
"""
import argparse
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from gen import corpus, defects  # noqa: E402
from gen.fonts import check_fonts  # noqa: E402
from gen.spec import Spec  # noqa: E402

DOMAINS = ['admin_penalty', 'serious_list', 'abnormal_list']


def parse(argv=None):
    ap = argparse.ArgumentParser(description='Generate labelled credit-repair submissions for precheck.')
    ap.add_argument('--out', required=True, help='output folder (created)')
    ap.add_argument('--count', type=int, default=10, help='number of submissions')
    ap.add_argument('--seed', type=int, default=1, help='random seed; the same seed gives the same corpus')
    ap.add_argument('--domains', default=','.join(DOMAINS), help='comma-separated domains to draw from')
    ap.add_argument('--profile', default='mixed', choices=corpus.PROFILES, help='capture conditions')
    ap.add_argument('--defect-rate', type=float, default=0.6, help='share of submissions that get defects')
    ap.add_argument('--codes', default=','.join(defects.ALL_CODES), help='defect codes that may be injected')
    ap.add_argument('--as-of', default='2025-06-30', help='review date the expectations are judged on')
    ap.add_argument('--quality', type=int, default=85, help='JPEG quality of ordinary scans')
    ap.add_argument('--compact', action='store_true', help='prefer small files: JPEG/PDF for colour, PNG only when grey')
    ap.add_argument('--forms', default=None, help='path to forms.yaml (default: shared/spec/forms.yaml beside the repo)')
    ap.add_argument('--recipe', default=None,
                    help='YAML list, one entry per submission: {domain, codes, severity, field_invalid}; sets --count')
    ap.add_argument('--dry-run', action='store_true', help='plan only: write expected.json, no images')
    ap.add_argument('--quiet', action='store_true')
    a = ap.parse_args(argv)
    a.domains = [d.strip() for d in a.domains.split(',') if d.strip()]
    bad = [d for d in a.domains if d not in DOMAINS]
    if bad or not a.domains:
        ap.error('unknown domain(s): %s' % ', '.join(bad))
    a.codes = [c.strip() for c in a.codes.split(',') if c.strip()]
    bad = [c for c in a.codes if c not in defects.ALL_CODES]
    if bad:
        ap.error('unknown defect code(s): %s (known: %s)' % (', '.join(bad), ', '.join(defects.ALL_CODES)))
    a.as_of = dt.date.fromisoformat(a.as_of)
    if a.recipe:
        import yaml
        with open(a.recipe, encoding='utf-8') as fh:
            a.recipe = yaml.safe_load(fh)
        if not isinstance(a.recipe, list) or not a.recipe:
            ap.error('--recipe must hold a non-empty YAML list')
        for e in a.recipe:
            unknown = [c for c in (e.get('codes') or []) if c not in defects.ALL_CODES]
            if unknown or e.get('domain', DOMAINS[0]) not in DOMAINS:
                ap.error('bad recipe entry %r' % e)
        a.count = len(a.recipe)
    if a.count < 1:
        ap.error('--count must be at least 1')
    return a


def main(argv=None):
    args = parse(argv)
    missing = check_fonts()
    if missing:
        sys.exit('missing fonts: %s (install fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei fonts-wqy-microhei)' % ', '.join(missing))
    spec = Spec(args.forms)
    corpus.run(args, spec, log=(lambda *a: None) if args.quiet else (lambda s: print(s, file=sys.stderr)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
