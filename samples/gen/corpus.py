"""Building a corpus: plan each submission, inject defects, render and capture its files,
and collect expected.json."""
import datetime as dt
import json
import os
import random
import zlib

import numpy as np

from . import capture, defects, plan, render
from .facts import Facts
from .hand import Writer
from .model import Submission

PROFILES = ('clean', 'photocopy', 'phone', 'lowq', 'mixed')


def sub_seed(seed, i):
    return zlib.crc32(('%d/%d' % (seed, i)).encode())


def choose_codes(r, allowed, rate, domain):
    if r.random() >= rate or not allowed:
        return []
    codes = [c for c in allowed if not (c == 'PENALTY_DATE_MISMATCH' and domain != 'admin_penalty')
             and not (c == 'PUBLICITY_PERIOD_NOT_MET' and domain == 'abnormal_list')]
    if not codes:
        return []
    k = r.choices([1, 2, 3], [5, 3, 1])[0]
    out = []
    for _ in range(k):
        c = r.choices(codes, [defects.WEIGHTS[x] for x in codes])[0]
        if c not in out:
            out.append(c)
    return out


def build(i, args, spec, write=True):
    seed = sub_seed(args.seed, i)
    r = random.Random(seed)
    sid = 'sub-%04d' % i
    recipe = args.recipe[i - 1] if getattr(args, 'recipe', None) else {}
    domain = recipe.get('domain') or r.choice(args.domains)
    severity = 'general'
    if domain == 'admin_penalty' and r.random() < 0.25:
        severity = 'serious'
    severity = recipe.get('severity', severity)
    codes = choose_codes(r, args.codes, args.defect_rate, domain)
    if 'codes' in recipe:
        codes = list(recipe['codes'] or [])
    tweaks = set()
    expired_kind = None
    if 'PUBLICITY_PERIOD_NOT_MET' in codes:
        tweaks.add('publicity_short')
    if 'EXPIRED' in codes:
        expired_kind = r.choice(['rep', 'rep', 'agent', 'attorney'])
        if expired_kind in ('rep', 'agent'):
            tweaks.add(expired_kind + '_id_expired')
    F = Facts(r, domain, args.as_of, severity, tweaks)
    sub = Submission(sid, domain, severity, F)
    seeds = {'legal_rep': r.randrange(1 << 30), 'agent': r.randrange(1 << 30), 'lessor': r.randrange(1 << 30)}
    mats = plan.choose_materials(r, F)
    if expired_kind in ('agent', 'attorney') and 'power_of_attorney' not in mats:
        mats += ['power_of_attorney', 'agent_id_card']
    for m in mats:
        sub.docs.append(plan.make_doc(m, F, r, spec, seeds))
    r.shuffle(sub.docs)

    used, counter = set(), [0]

    def namer(doc):
        counter[0] += 1
        plan.choose_capture(doc, r, args.profile, getattr(args, 'compact', False))
        if doc.opts.get('force_phone'):
            multi = doc.type == 'penalty_decision'
            doc.capture, doc.copy, doc.format = ['phone'], 'colour', 'pdf' if multi else 'jpg'
        doc.file = plan.file_name(doc, r, F, used, counter[0])

    for d in sub.docs:
        namer(d)
        # presentation choices that do not depend on defects
        if d.type in defects.APPLICANT_DOCS and d.fields.get('sign_date') and args.profile != 'clean' and r.random() < 0.25:
            d.hand_fields = 'date'
        if d.type in ('legal_rep_certificate', 'service_address_confirmation') and args.profile != 'clean' and r.random() < 0.12:
            d.hand_fields = 'all'
        if d.type == 'business_license':
            if r.random() < 0.5:
                d.variant = 1
                d.opts['copy_grey'] = r.random() < 0.6
                for s in d.seals:
                    if s.owner == 'registry' and d.opts['copy_grey']:
                        s.colour = 'grey'
            else:
                d.variant = 0
        if d.type in ('business_license', 'legal_rep_id_card', 'agent_id_card') and r.random() < 0.35:
            d.opts['certified_copy'] = r.choice(['与原件一致', '复印件与原件一致', '此复印件仅供信用修复使用'])
        if 'photocopy' in d.capture and d.copy == 'colour' and d.type in plan.COPY_TYPES:
            d.opts['pre_copy'] = True
        for s in d.seals:
            if d.copy == 'bw' or (d.opts.get('pre_copy') and s.owner != 'applicant'):
                s.colour = 'grey'
            elif s.owner == 'applicant' and args.profile != 'clean':
                s.colour = r.choices(['red', 'blue', 'purple'], [30, 1, 1])[0]

    inj = defects.Injector(sub, spec, r, args.as_of, namer)
    order = sorted(codes, key=lambda c: ['PUBLICITY_PERIOD_NOT_MET', 'EXPIRED', 'PENALTY_DATE_MISMATCH', 'DATE_ORDER',
                                         'DOC_MISSING', 'DOC_UNREADABLE'].index(c) if c in
                   ['PUBLICITY_PERIOD_NOT_MET', 'EXPIRED', 'PENALTY_DATE_MISMATCH', 'DATE_ORDER', 'DOC_MISSING', 'DOC_UNREADABLE'] else 10)
    for c in order:
        if c == 'EXPIRED':
            ok = inj.EXPIRED(expired_kind)
        elif c == 'FIELD_INVALID':
            ok = inj.FIELD_INVALID(recipe.get('field_invalid'))
        else:
            ok = getattr(inj, c)()
        if not ok and recipe:
            raise SystemExit('%s: recipe asks for %s, which cannot be injected into this submission' % (sid, c))

    # submission.yaml: the domain where materials cannot tell it, the severity where serious
    dfm = defects.domain_from_materials(sub)
    y = {}
    if dfm != domain or r.random() < 0.35:
        y['domain'] = domain
    if severity == 'serious':
        y['penalty_severity'] = 'serious'
    sub.submission_yaml = y or None

    defects.finalize(sub, spec)
    if write:
        write_files(sub, args, spec, r, seeds)
    return sub, dfm


def _rename(sub, doc, name):
    """Gives `doc` the file name `name`, in the expected defects that point at it too."""
    def fix(entry):
        if isinstance(entry, dict):
            if entry.get('file') == doc.file:
                entry['file'] = name
            for v in entry.values():
                if isinstance(v, (list, dict)):
                    fix(v)
        elif isinstance(entry, list):
            for v in entry:
                fix(v)
    fix(sub.defects)
    doc.file = name


def write_files(sub, args, spec, r, seeds):
    out = os.path.join(args.out, sub.id)
    os.makedirs(out, exist_ok=True)
    writers = {k: Writer(v) for k, v in seeds.items()}
    for d in sub.docs:
        dr = random.Random(zlib.crc32((sub.id + d.file).encode()) ^ args.seed)
        nr = np.random.default_rng(dr.randrange(1 << 30))
        pages = render.render_doc(d, sub.facts, spec, dr, writers)
        imgs = capture.apply(pages, d, dr, nr)
        if len(imgs) > 1 and d.format in ('jpg', 'png'):
            _rename(sub, d, d.file.rsplit('.', 1)[0] + '.pdf')  # one image holds one page
            d.format = 'pdf'
        path = os.path.join(out, d.file)
        q = dr.randint(25, 50) if 'jpeg_q' in d.capture else args.quality
        if d.unreadable:
            capture.write_unreadable(imgs, path, d.format, d.unreadable, d.dpi, dr)
        else:
            capture.save(imgs, path, d.format, d.dpi, quality=q, compact=getattr(args, 'compact', False))
    if sub.submission_yaml:
        with open(os.path.join(out, 'submission.yaml'), 'w', encoding='utf-8') as fh:
            for k, v in sub.submission_yaml.items():
                fh.write('%s: %s\n' % (k, v))


def expected_entry(sub, dfm, spec):
    fields = {}
    for d in sub.readable():
        fields.setdefault(d.type, {}).update({k: d.fields.get(k, '') for k in spec.fields(d.type)})
    defs = [dict(x) for x in sub.defects]
    verdict = 'fail' if any(x['severity'] == 'error' and not x.get('optional') for x in defs) else 'pass'
    F = sub.facts
    return {
        'domain': sub.domain,
        'submission_yaml': sub.submission_yaml,
        'penalty_severity': sub.severity,
        'domain_from_materials': dfm,
        'documents': [d.expected() for d in sub.docs],
        'fields': fields,
        'defects': defs,
        'verdict': verdict,
        'facts': {'company_name': F.company, 'uscc': F.uscc, 'legal_rep': F.legal_rep.name,
                  'application_date': F.application.isoformat()},
    }


def run(args, spec, log=print):
    os.makedirs(args.out, exist_ok=True)
    result = {
        'as_of': args.as_of.isoformat(),
        'generator': {'name': 'samples/generate.py', 'seed': args.seed, 'count': args.count, 'profile': args.profile,
                      'forms': 'forms.yaml', 'domains': args.domains, 'defect_rate': args.defect_rate,
                      'codes': args.codes},
        'field_types': spec.field_types(),
        'submissions': {},
    }
    for i in range(1, args.count + 1):
        sub, dfm = build(i, args, spec, write=not args.dry_run)
        result['submissions'][sub.id] = expected_entry(sub, dfm, spec)
        log('%s %-14s %-5s %s' % (sub.id, sub.domain, result['submissions'][sub.id]['verdict'],
                                  ','.join(x['code'] + ('?' if x.get('optional') else '') for x in sub.defects)))
    with open(os.path.join(args.out, 'expected.json'), 'w', encoding='utf-8') as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
    return result
