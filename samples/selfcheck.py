#!/usr/bin/python3
"""Re-derive the defects of a generated corpus from its expected.json and compare.

A reference checker over the *labels* (fields, seals, signatures, documents), not over
images: it finds generator bugs where a planted defect has a consequence that expected.json
does not list, or a listed defect that the labels do not support.

    /usr/bin/python3 samples/selfcheck.py DIR/expected.json
"""
import calendar
import datetime as dt
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import ids  # noqa: E402
from gen.spec import Spec  # noqa: E402

DOCNO = re.compile(r'^(?:[（(][\u4e00-\u9fff]{1,4}[）)])?[\u4e00-\u9fff]{1,14}〔(19|20)\d{2}〕[1-9]\d{0,4}号$')
PHONE = re.compile(r'^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$')
CROSS = ['company_name', 'uscc', 'legal_rep', 'legal_rep_id', 'decision_no', 'authority', 'agent_name', 'agent_id',
         'listing_no', 'listing_date']


def pdate(s):
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def derive(sub, spec, as_of):
    out = set()
    docs = sub['documents']
    readable = [d for d in docs if not d['unreadable'] and d['type'] != 'unrecognized']
    types = {d['type'] for d in readable}
    F = sub['fields']
    dom = spec.domains[sub['domain']]
    for m in dom['required']:
        if m not in types:
            out.add(('DOC_MISSING', m, None))
    for g in dom.get('one_of', []):
        if not any(m in types for m in g):
            out.add(('DOC_MISSING', g[0], None))
    for k, v in dom.get('with', {}).items():
        if k in types:
            for m in v:
                if m not in types:
                    out.add(('DOC_MISSING', m, None))
    for d in docs:
        if d['unreadable']:
            out.add(('DOC_UNREADABLE', d['type'], None))
        if d['type'] == 'unrecognized':
            out.add(('DOC_UNRECOGNIZED', 'unrecognized', None))
    invalid = set()
    for d in readable:
        m = d['type']
        f = F[m]
        if d['title'] in spec.outdated(m) or d['clauses_missing']:
            out.add(('TEMPLATE_MISMATCH', m, None))
        for k in spec.required(m):
            if f.get(k, '') == '':
                out.add(('FIELD_EMPTY', m, k))
        for k, v in f.items():
            if not v:
                continue
            t = spec.ftype(m, k)
            bad = (t == 'uscc' and not ids.uscc_valid(v)) or (t == 'id18' and not ids.id_valid(v)) or \
                  (t == 'docno' and not DOCNO.match(v)) or (t == 'phone' and not PHONE.match(v))
            if k == 'paid_amount_upper' and f.get('paid_amount') and ids.amount_upper(f['paid_amount']) != v:
                bad = True
            if bad:
                out.add(('FIELD_INVALID', m, k))
                invalid.add((m, k))
            if t == 'date':
                dd = pdate(v)
                if dd is None or dd > as_of:
                    out.add(('DATE_INVALID', m, k))
        for s in spec.seals(m):
            owner = s['owner']
            have = [x for x in d['seals'] if x['owner'] == owner]
            if not have and not (s.get('or_signature') and any(g['role'] == owner for g in d['signatures'])):
                # a lessor with neither: a company lessor lacks its seal, a person its signature
                if owner != 'lessor' or f.get('lessor', '').endswith('公司'):
                    out.add(('SEAL_MISSING', m, owner))
            for x in have:
                if owner == 'applicant' and (x['text'] != F['business_license']['company_name'] if 'business_license' in F else False):
                    out.add(('SEAL_NAME_MISMATCH', m, owner))
                if owner == 'applicant' and x['lower_text']:
                    out.add(('SEAL_NAME_MISMATCH', m, owner))
                if owner == 'authority' and m == 'repair_application_form' and f.get('authority') and x['text'] != f['authority']:
                    out.add(('SEAL_NAME_MISMATCH', m, owner))
        for g in spec.signatures(m):
            role = g['role']
            have = [x for x in d['signatures'] if x['role'] == role]
            if not have:
                if not (g.get('or_seal') and any(x['owner'] == role for x in d['seals'])):
                    if role != 'lessor' or not f.get('lessor', '').endswith('公司'):
                        out.add(('SIGNATURE_MISSING', m, role))
            for x in have:
                if not x['handwritten']:
                    out.add(('SIGNATURE_NOT_HANDWRITTEN', m, role))
                if x['person'] == 'other':
                    out.add(('SIGNATURE_INCONSISTENT', m, role))
    # cross-document keys: the minority differs
    for k in CROSS:
        vals = [(m, f[k]) for m, f in F.items() if f.get(k) and (m, k) not in invalid]
        if len(vals) < 2:
            continue
        counts = {}
        for _, v in vals:
            counts[v] = counts.get(v, 0) + 1
        major = max(counts.values())
        if list(counts.values()).count(major) > 1:
            continue
        for m, v in vals:
            if counts[v] != major:
                out.add(('FIELD_INCONSISTENT', m, k))
    dec = F.get('penalty_decision', {}).get('penalty_date')
    if dec and F.get('repair_application_form', {}).get('penalty_date') and F['repair_application_form']['penalty_date'] != dec:
        out.add(('PENALTY_DATE_MISMATCH', 'repair_application_form', 'penalty_date'))
    if dec and pdate(dec):
        P = pdate(dec)
        for m, k in [('fine_payment_receipt', 'paid_date'), ('rectification_report', 'done_date')]:
            v = F.get(m, {}).get(k)
            if v and pdate(v) and pdate(v) < P:
                out.add(('DATE_ORDER', m, k))
        if sub['domain'] == 'admin_penalty':
            mn = spec.periods[sub['penalty_severity']]['min_months']
            if ids.add_months(P, mn) > as_of:
                out.add(('PUBLICITY_PERIOD_NOT_MET', 'penalty_decision', 'penalty_date'))
    if sub['domain'] == 'serious_list':
        L = F.get('serious_list_decision', {}).get('listing_date')
        if L and ids.add_months(pdate(L), 12) > as_of:
            out.add(('PUBLICITY_PERIOD_NOT_MET', 'serious_list_decision', 'listing_date'))
    for m, k in [('legal_rep_id_card', 'legal_rep_id_validity'), ('agent_id_card', 'agent_id_validity'),
                 ('power_of_attorney', 'attorney_term'), ('premises_proof', 'lease_term')]:
        v = F.get(m, {}).get(k)
        if v and '/' in v:
            end = v.split('/')[1]
            if end != '长期' and pdate(end) and pdate(end) < as_of:
                out.add(('EXPIRED', m, k))
    return out


def main(path):
    data = json.load(open(path, encoding='utf-8'))
    spec = Spec()
    as_of = dt.date.fromisoformat(data['as_of'])
    bad = 0
    for sid, sub in data['submissions'].items():
        got = derive(sub, spec, as_of)
        need = {(d['code'], d['document'], d['field']) for d in sub['defects'] if not d.get('optional')}
        opt = {(d['code'], d['document'], d['field']) for d in sub['defects'] if d.get('optional')}
        missing = need - got
        extra = got - need - opt
        if missing or extra:
            bad += 1
            print(sid, sub['domain'], 'listed but not derivable:', sorted(missing), '| derivable but not listed:', sorted(extra))
    print('%d of %d submissions disagree' % (bad, len(data['submissions'])))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
