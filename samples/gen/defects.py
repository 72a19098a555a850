"""Defect injection and the defects a correct checker must report.

Each injector changes what one document prints (or drops, breaks or adds a file) and records
the defect exactly as report.md places it. Consequences a checker may or may not report are
recorded with optional: true. Cross-document `related` lists are resolved at the end, from the
final state of the submission.
"""
import datetime as dt

from . import data, ids
from .facts import company_name

ALL_CODES = ['DOC_UNREADABLE', 'DOC_MISSING', 'DOC_UNRECOGNIZED', 'FIELD_EMPTY', 'DATE_INVALID', 'FIELD_INVALID',
             'TEMPLATE_MISMATCH', 'FIELD_INCONSISTENT', 'PENALTY_DATE_MISMATCH', 'DATE_ORDER',
             'PUBLICITY_PERIOD_NOT_MET', 'EXPIRED', 'SEAL_MISSING', 'SEAL_NAME_MISMATCH', 'SIGNATURE_MISSING',
             'SIGNATURE_NOT_HANDWRITTEN', 'SIGNATURE_INCONSISTENT']
SEVERITY = {'DOC_UNRECOGNIZED': 'warning', 'SIGNATURE_INCONSISTENT': 'warning', 'IMAGE_QUALITY': 'warning',
            'REVIEW_NEEDED': 'warning'}
WEIGHTS = {'DOC_UNREADABLE': 3, 'DOC_MISSING': 4, 'DOC_UNRECOGNIZED': 3, 'FIELD_EMPTY': 6, 'DATE_INVALID': 3,
           'FIELD_INVALID': 5, 'TEMPLATE_MISMATCH': 3, 'FIELD_INCONSISTENT': 5, 'PENALTY_DATE_MISMATCH': 3,
           'DATE_ORDER': 3, 'PUBLICITY_PERIOD_NOT_MET': 2, 'EXPIRED': 3, 'SEAL_MISSING': 4,
           'SEAL_NAME_MISMATCH': 3, 'SIGNATURE_MISSING': 4, 'SIGNATURE_NOT_HANDWRITTEN': 3,
           'SIGNATURE_INCONSISTENT': 2}

# Materials an applicant fills in (their blanks, dates and typed numbers can be wrong).
APPLICANT_DOCS = ['legal_rep_certificate', 'power_of_attorney', 'credit_commitment_letter', 'repair_application_form',
                  'rectification_report', 'samr_repair_application', 'compliance_commitment_letter',
                  'service_address_confirmation', 'premises_proof', 'annual_report_proof']
CROSS_KEYS = ['company_name', 'uscc', 'legal_rep', 'legal_rep_id', 'decision_no', 'penalty_date', 'authority',
              'agent_name', 'agent_id', 'listing_no', 'listing_date']
SIMILAR = {'鑫': '金', '源': '元', '恒': '衡', '瑞': '端', '华': '化', '泰': '太', '宏': '洪', '达': '大', '利': '力',
           '汇': '会', '联': '连', '诚': '成', '兴': '星', '盛': '胜', '德': '得', '安': '案', '嘉': '佳', '星': '兴',
           '润': '闰', '天': '添', '中': '众', '博': '搏', '顺': '瞬', '广': '光', '新': '欣', '昌': '倡', '明': '铭',
           '佳': '嘉', '康': '唐', '宇': '宁', '众': '中', '海': '梅', '川': '州', '北': '比', '东': '冬', '长': '常',
           '精': '晶', '隆': '龙', '聚': '巨', '丰': '峰', '荣': '容', '信': '新', '鸿': '宏', '运': '云', '祥': '样',
           '和': '合', '蓝': '兰', '正': '政', '启': '起', '航': '杭', '晟': '胜', '港': '巷', '金': '鑫', '桥': '侨',
           '创': '仓', '民': '明', '永': '泳', '通': '同', '方': '芳', '城': '成', '雅': '亚', '驰': '池', '元': '园',
           '远': '园', '美': '每', '宁': '守', '川2': '州'}


def required_groups(spec, domain):
    d = spec.domains[domain]
    return d['required'], d.get('one_of', []), d.get('with', {})


def domain_from_materials(sub):
    types = {d.type for d in sub.readable()}
    if 'serious_list_decision' in types:
        return 'serious_list'
    if 'abnormal_list_decision' in types:
        return 'abnormal_list'
    app = sub.doc('samr_repair_application')
    if app and not app.unreadable:
        m = app.fields.get('matter')
        if m == '移出经营异常名录':
            return 'abnormal_list'
        if m == '提前移出严重违法失信名单':
            return 'serious_list'
    if 'penalty_decision' in types or 'repair_application_form' in types:
        return 'admin_penalty'
    return None


class Injector:
    def __init__(self, sub, spec, r, as_of, namer):
        self.sub, self.spec, self.r, self.as_of, self.namer = sub, spec, r, as_of, namer
        self.touched = set()     # (type, field) and (type, None) already used by a defect
        self.fixed = set()       # materials other defects rely on: keep them present and readable

    # helpers ------------------------------------------------------------------------------
    def docs(self, pred=lambda d: True):
        return [d for d in self.sub.readable() if pred(d)]

    def free(self, doc, field=None):
        return (doc.type, field) not in self.touched and (doc.type, None) not in self.touched

    def untouched(self, mtype):
        return mtype not in self.fixed and not any(t == mtype for t, _ in self.touched)

    def touch(self, doc, field=None):
        self.touched.add((doc.type, field))

    def sev(self, code):
        return SEVERITY.get(code, 'error')

    def add(self, code, doc, field=None, **kw):
        return self.sub.add_defect(code, self.sev(code), doc if isinstance(doc, str) else doc.type, field,
                                   None if isinstance(doc, str) or doc is None else doc.file, **kw)

    def holders(self, key, exclude=None):
        return [d for d in self.sub.readable() if d is not exclude and d.fields.get(key)]

    # injectors: each returns True when it could apply --------------------------------------
    def DOC_UNREADABLE(self):
        cands = [d for d in self.sub.readable() if self.untouched(d.type)]
        if not cands:
            return False
        d = self.r.choice(cands)
        mode = self.r.choice(['truncated', 'truncated', 'zero', 'encrypted', 'pdf_truncated', 'garbage_png'])
        if mode == 'encrypted' or mode == 'pdf_truncated':
            d.format = 'pdf'
            mode = 'encrypted' if mode == 'encrypted' else 'truncated'
        elif mode == 'garbage_png':
            d.format = 'png'
            mode = 'garbage'
        elif mode == 'truncated' and d.format == 'pdf' and self.r.random() < 0.5:
            d.format = 'jpg'
        if d.format == 'jpg' and mode == 'garbage':
            mode = 'truncated'
        d.unreadable = mode
        d.capture = [c for c in d.capture if c not in ('phone', 'jpeg_q')]
        d.file = d.file.rsplit('.', 1)[0] + '.' + d.format
        self.touch(d)
        self.add('DOC_UNREADABLE', d)
        d._pending_missing = True
        return True

    def DOC_MISSING(self):
        req, groups, withs = required_groups(self.spec, self.sub.domain)
        present = {d.type for d in self.sub.docs}
        cands = [('req', m) for m in req if m in present and m not in self.fixed]
        for g in groups:
            have = [m for m in g if m in present]
            if have and not any(m in self.fixed for m in have):
                cands.append(('group', tuple(g)))
        for k, v in withs.items():
            if k in present:
                cands += [('req', m) for m in v if m in present and m not in self.fixed]
        cands = [c for c in cands if all(self.untouched(m) for m in ((c[1],) if c[0] == 'req' else c[1]) if self.sub.doc(m))]
        if not cands:
            return False
        kind, what = self.r.choice(cands)
        if kind == 'req':
            self.sub.docs.remove(self.sub.doc(what))
            self.sub.dropped.append(what)
            self.add('DOC_MISSING', what)
            self.touched.add((what, None))
        else:
            for m in what:
                d = self.sub.doc(m)
                if d:
                    self.sub.docs.remove(d)
                    self.sub.dropped.append(m)
                    self.touched.add((m, None))
            self.add('DOC_MISSING', what[0])
        return True

    def DOC_UNRECOGNIZED(self):
        from .model import Doc, SealSpec
        d = Doc('unrecognized', {})
        d.opts['kind'] = self.r.choice(['notice', 'notice', 'waybill', 'receipt_photo'])
        if d.opts['kind'] == 'notice':
            d.seals.append(SealSpec('applicant', self.sub.facts.company))
        if d.opts['kind'] == 'receipt_photo':
            d.opts['force_phone'] = True
        self.sub.docs.append(d)
        self.namer(d)
        self.touch(d)
        d._defect = self.add('DOC_UNRECOGNIZED', d)
        return True

    def FIELD_EMPTY(self):
        cands = []
        for d in self.docs(lambda d: d.type in APPLICANT_DOCS + ['fine_payment_receipt']):
            for k in self.spec.required(d.type):
                if d.type == 'fine_payment_receipt' and k != 'decision_no':
                    continue
                if d.fields.get(k) and self.free(d, k):
                    cands.append((d, k))
        if not cands:
            return False
        d, k = self.r.choice(cands)
        d.fields[k] = ''
        self.touch(d, k)
        self.add('FIELD_EMPTY', d, k)
        return True

    def DATE_INVALID(self):
        keys = {'legal_rep_certificate': 'sign_date', 'power_of_attorney': 'sign_date',
                'credit_commitment_letter': 'sign_date', 'compliance_commitment_letter': 'sign_date',
                'rectification_report': 'sign_date', 'service_address_confirmation': 'sign_date',
                'premises_proof': 'sign_date'}
        cands = [(d, keys[d.type]) for d in self.docs(lambda d: d.type in keys) if d.fields.get(keys[d.type]) and self.free(d, keys[d.type])]
        if not cands:
            return False
        d, k = self.r.choice(cands)
        cur = dt.date.fromisoformat(d.fields[k])
        if self.r.random() < 0.6:
            # a day that does not exist, in the month of signing or shortly before
            for back in range(0, 12):
                y, m = cur.year, cur.month - back
                while m <= 0:
                    y, m = y - 1, m + 12
                if m == 2:
                    bad = '%d-02-%d' % (y, 30 if (y % 4 == 0) else self.r.choice([29, 30]))
                    break
                if m in (4, 6, 9, 11):
                    bad = '%d-%02d-31' % (y, m)
                    break
            d.fields[k] = bad
            self.add('DATE_INVALID', d, k)
        else:
            fut = self.as_of + dt.timedelta(days=self.r.randint(5, 80))
            d.fields[k] = fut.isoformat()
            self.add('DATE_INVALID', d, k)
            self.add('DATE_ORDER', d, k, optional=True)
        self.touch(d, k)
        return True

    def FIELD_INVALID(self, variant=None):
        r = self.r
        opts = []
        for d in self.docs(lambda d: d.type in APPLICANT_DOCS):
            if d.fields.get('uscc') and self.free(d, 'uscc'):
                opts.append(('uscc', d, 'uscc'))
        for d in self.docs(lambda d: d.type in ('legal_rep_certificate', 'power_of_attorney')):
            k = 'legal_rep_id' if d.type == 'legal_rep_certificate' else 'agent_id'
            if d.fields.get(k) and self.free(d, k):
                opts.append(('id', d, k))
        for d in self.docs(lambda d: d.type in ('credit_commitment_letter', 'repair_application_form', 'fine_payment_receipt',
                                                'rectification_report')):
            if d.fields.get('decision_no') and self.free(d, 'decision_no'):
                opts.append(('docno', d, 'decision_no'))
        for d in self.docs(lambda d: d.type in ('power_of_attorney', 'repair_application_form', 'samr_repair_application')):
            k = 'agent_phone' if d.type == 'power_of_attorney' else 'phone'
            if d.fields.get(k) and self.free(d, k):
                opts.append(('phone', d, k))
        for d in self.docs(lambda d: d.type == 'fine_payment_receipt'):
            if d.fields.get('paid_amount_upper') and self.free(d, 'paid_amount_upper'):
                opts.append(('upper', d, 'paid_amount_upper'))
        if variant:
            opts = [o for o in opts if o[0] == variant] or opts
        if not opts:
            return False
        kind, d, k = r.choice(opts)
        v = d.fields[k]
        if kind == 'uscc':
            d.fields[k] = ids.corrupt_check_char(v, r, ids.USCC_CHARS)
        elif kind == 'id':
            d.fields[k] = ids.corrupt_check_char(v, r, '0123456789X')
        elif kind == 'docno':
            i, j = v.index('〔'), v.index('〕')
            d.fields[k] = r.choice([v[:j + 1] + '号', v[:i] + v[i + 1:j] + v[j + 1:], v[:i + 1] + v[i + 2:j] + v[j:],
                                    v[:i] + '〔' + v[i + 1:j] + '〕〕' + v[j + 1:]])
            d.opts['docno_official'] = True
        elif kind == 'phone':
            if v.startswith('1'):
                d.fields[k] = r.choice([v[:-1], '12' + v[2:], v + '8'])
            else:
                d.fields[k] = r.choice([v[:-2], v + '86'])
        else:
            amt = '%d.00' % (int(float(self.sub.facts.fine)) + r.choice([1000, 10000, -1000, 100]))
            d.fields[k] = ids.amount_upper(amt)
        self.touch(d, k)
        self.add('FIELD_INVALID', d, k)
        if k in CROSS_KEYS and len(self.holders(k, d)) >= 1:
            self.add('FIELD_INCONSISTENT', d, k, optional=True)
        return True

    def TEMPLATE_MISMATCH(self):
        cands = []
        for d in self.docs(lambda d: d.type in APPLICANT_DOCS):
            if not self.free(d):
                continue
            if self.spec.outdated(d.type):
                cands.append(('title', d))
            if self.spec.clauses(d.type):
                cands.append(('clause', d))
        if not cands:
            return False
        kind, d = self.r.choice(cands)
        if kind == 'title':
            d.title = self.r.choice(self.spec.outdated(d.type))
        else:
            cl = self.spec.clauses(d.type)
            n = 1 if len(cl) == 1 or self.r.random() < 0.75 else 2
            d.clauses_missing = sorted(self.r.sample(cl, n), key=cl.index)
        self.touch(d, '__template')
        self.add('TEMPLATE_MISMATCH', d, None)
        return True

    def FIELD_INCONSISTENT(self):
        r = self.r
        F = self.sub.facts
        opts = []
        for key in ('company_name', 'uscc', 'legal_rep', 'decision_no'):
            hs = self.holders(key)
            if len(hs) < 3:
                continue
            for d in hs:
                if d.type in ('business_license', 'legal_rep_id_card') or not self.free(d, key):
                    continue
                if key == 'decision_no' and d.type == 'penalty_decision':
                    continue
                opts.append((key, d))
        if not opts:
            return False
        key, d = r.choice(opts)
        v = d.fields[key]
        if key == 'company_name':
            idx = [i for i, ch in enumerate(v) if ch in SIMILAR and i > 1]
            if idx and r.random() < 0.8:
                i = r.choice(idx)
                new = v[:i] + SIMILAR[v[i]] + v[i + 1:]
            elif '有限责任公司' in v:
                new = v.replace('有限责任公司', '有限公司')
            else:
                new = v.replace('有限公司', '有限责任公司')
        elif key == 'uscc':
            while True:
                pos = r.randrange(10, 17)
                ch = r.choice(ids.USCC_CHARS[:10])
                first17 = v[:pos] + ch + v[pos + 1:17]
                new = first17 + ids.uscc_check(first17)
                if new != v:
                    break
        elif key == 'legal_rep':
            given = [c for c in v[1:]]
            pool = data.GIVEN_M + data.GIVEN_F
            i = r.randrange(1, len(v))
            new = v[:i] + r.choice([c for c in pool if c != v[i]]) + v[i + 1:]
        else:
            i, j = v.index('〕'), v.index('号')
            seq = int(v[i + 1:j])
            new = v[:i + 1] + str(max(1, seq + r.choice([1, -1, 10, 100])) if seq > 1 else seq + 1) + '号'
        d.fields[key] = new
        self.touch(d, key)
        self.add('FIELD_INCONSISTENT', d, key, related=('__holders', key))
        if key == 'company_name' and any(s.owner == 'applicant' for s in d.seals):
            self.add('SEAL_NAME_MISMATCH', d, 'applicant', optional=True)
        return True

    def PENALTY_DATE_MISMATCH(self):
        form, dec = self.sub.doc('repair_application_form'), self.sub.doc('penalty_decision')
        if not form or not dec or form.unreadable or dec.unreadable or not form.fields.get('penalty_date') \
                or not self.free(form, 'penalty_date') or not dec.fields.get('penalty_date'):
            return False
        P = dt.date.fromisoformat(dec.fields['penalty_date'])
        new = P + dt.timedelta(days=self.r.choice([1, 2, 3, 5, 7, 10, -1, -3, -30]))
        if new.day == P.day and new.month != P.month:
            new += dt.timedelta(days=1)
        form.fields['penalty_date'] = new.isoformat()
        self.touch(form, 'penalty_date')
        self.fixed.add('penalty_decision')
        self.add('PENALTY_DATE_MISMATCH', form, 'penalty_date',
                 related=[{'document': 'penalty_decision', 'field': 'penalty_date', 'file': dec.file}])
        self.add('FIELD_INCONSISTENT', form, 'penalty_date', optional=True)
        return True

    def DATE_ORDER(self):
        dec = self.sub.doc('penalty_decision')
        if not dec or dec.unreadable or not dec.fields.get('penalty_date'):
            return False
        P = dt.date.fromisoformat(dec.fields['penalty_date'])
        cands = []
        rec = self.sub.doc('fine_payment_receipt')
        if rec and not rec.unreadable and rec.fields.get('paid_date') and self.free(rec, 'paid_date'):
            cands.append((rec, 'paid_date'))
        rep = self.sub.doc('rectification_report')
        if rep and not rep.unreadable and rep.fields.get('done_date') and self.free(rep, 'done_date'):
            cands.append((rep, 'done_date'))
        if not cands:
            return False
        d, k = self.r.choice(cands)
        d.fields[k] = (P - dt.timedelta(days=self.r.randint(2, 40))).isoformat()
        if k == 'paid_date':
            for s in d.seals:
                if s.owner == 'bank':
                    s.opts_date = ids.fmt_date(d.fields[k], 'dot')
        self.touch(d, k)
        self.fixed.add('penalty_decision')
        self.add('DATE_ORDER', d, k, related=[{'document': 'penalty_decision', 'field': 'penalty_date', 'file': dec.file}])
        return True

    def PUBLICITY_PERIOD_NOT_MET(self):
        """Needs the short timeline chosen before the facts (tweak publicity_short)."""
        if self.sub.domain == 'admin_penalty':
            d = self.sub.doc('penalty_decision')
            if not d or d.unreadable:
                return False
            self.fixed.add('penalty_decision')
            alt = []
            form = self.sub.doc('repair_application_form')
            if form:
                alt.append({'document': 'repair_application_form', 'field': 'penalty_date', 'file': None})
            self.add('PUBLICITY_PERIOD_NOT_MET', d, 'penalty_date', alt=alt or None)
            self.touch(d, 'penalty_date')
            return True
        if self.sub.domain == 'serious_list':
            d = self.sub.doc('serious_list_decision')
            if not d or d.unreadable:
                return False
            self.fixed.add('serious_list_decision')
            self.add('PUBLICITY_PERIOD_NOT_MET', d, 'listing_date',
                     alt=[{'document': 'samr_repair_application', 'field': 'listing_date', 'file': None}])
            self.touch(d, 'listing_date')
            return True
        return False

    def EXPIRED(self, which):
        if which == 'rep':
            d = self.sub.doc('legal_rep_id_card')
            k = 'legal_rep_id_validity'
        elif which == 'agent':
            d = self.sub.doc('agent_id_card')
            k = 'agent_id_validity'
        else:
            d = self.sub.doc('power_of_attorney')
            k = 'attorney_term'
            if d and d.fields.get(k):
                F = self.sub.facts
                end = self.as_of - dt.timedelta(days=self.r.randint(3, 40))
                start = max(F.penalty + dt.timedelta(days=self.r.randint(3, 20)), end - dt.timedelta(days=self.r.randint(60, 150)))
                if start >= end:
                    return False
                d.fields[k] = '%s/%s' % (start.isoformat(), end.isoformat())
                d.fields['sign_date'] = start.isoformat()
        if not d or d.unreadable or not self.free(d, k):
            return False
        self.fixed.add(d.type)
        self.touch(d, k)
        self.add('EXPIRED', d, k)
        return True

    def SEAL_MISSING(self):
        cands = [(d, s) for d in self.sub.readable() for s in d.seals
                 if s.present and s.owner in ('applicant', 'authority', 'bank') and self.free(d, 'seal:' + s.owner)
                 and not (d.type in ('penalty_decision', 'serious_list_decision', 'abnormal_list_decision', 'samr_repair_decision',
                                     'authority_compliance_proof'))]
        if not cands:
            return False
        d, s = self.r.choice(cands)
        s.present = False
        self.touch(d, 'seal:' + s.owner)
        self.add('SEAL_MISSING', d, s.owner)
        return True

    def SEAL_NAME_MISMATCH(self):
        F = self.sub.facts
        cands = [(d, s) for d in self.sub.readable() for s in d.seals
                 if s.present and s.owner in ('applicant', 'authority') and s.shape == 'round' and self.free(d, 'seal:' + s.owner)
                 and (s.owner == 'applicant' or d.type == 'repair_application_form')]
        if not cands:
            return False
        d, s = self.r.choice(cands)
        if s.owner == 'applicant':
            if self.r.random() < 0.5:
                s.lower_text = self.r.choice(['财务专用章', '合同专用章'])
            else:
                other = F.company
                while other == F.company:
                    other = company_name(self.r, F.dist, self.r.choice(data.INDUSTRIES)[0])
                s.text = other
        else:
            dist = self.r.choice([x for x in data.DISTRICTS if x != F.dist])
            s.text = F.authority.replace(F.dist[1], dist[1])
        self.touch(d, 'seal:' + s.owner)
        self.add('SEAL_NAME_MISMATCH', d, s.owner)
        return True

    def _sig_cands(self):
        # a lessor may seal instead of signing: with its seal there, its signature is not required
        return [(d, g) for d in self.sub.readable() for g in d.sigs
                if g.present and g.handwritten and g.person == 'same' and self.free(d, 'sig:' + g.role)
                and not (g.role == 'lessor' and any(s.owner == 'lessor' and s.present for s in d.seals))]

    def SIGNATURE_MISSING(self):
        cands = self._sig_cands()
        if not cands:
            return False
        d, g = self.r.choice(cands)
        g.present = False
        self.touch(d, 'sig:' + g.role)
        self.add('SIGNATURE_MISSING', d, g.role)
        if g.role == 'lessor':
            # a lessor may seal or sign: with neither, a checker may name the missing seal too
            self.add('SEAL_MISSING', d, 'lessor', optional=True)
        return True

    def SIGNATURE_NOT_HANDWRITTEN(self):
        cands = self._sig_cands()
        if not cands:
            return False
        d, g = self.r.choice(cands)
        g.handwritten = False
        self.touch(d, 'sig:' + g.role)
        self.add('SIGNATURE_NOT_HANDWRITTEN', d, g.role)
        return True

    def SIGNATURE_INCONSISTENT(self):
        cands = []
        for d, g in self._sig_cands():
            others = [(d2, g2) for d2 in self.sub.readable() for g2 in d2.sigs
                      if d2 is not d and g2.role == g.role and g2.present and g2.handwritten]
            if len(others) >= 2:
                cands.append((d, g))
        if not cands:
            return False
        d, g = self.r.choice(cands)
        g.person = 'other'
        g.writer_seed = g.writer_seed * 7 + 12345
        self.touch(d, 'sig:' + g.role)
        for d2 in self.sub.readable():
            for g2 in d2.sigs:
                if g2.role == g.role and d2 is not d:
                    self.touched.add((d2.type, 'sig:' + g.role))
        self.add('SIGNATURE_INCONSISTENT', d, g.role, related=('__sigs', g.role))
        return True


def finalize(sub, spec):
    """Resolve related lists, consequences of unreadable files, and capture-related warnings."""
    req, groups, withs = required_groups(spec, sub.domain)
    present_readable = {d.type for d in sub.readable()}
    present_any = {d.type for d in sub.docs}
    for d in sub.docs:
        if getattr(d, '_pending_missing', False):
            needed = d.type in req or any(d.type in withs.get(k, []) for k in present_any)
            grp = None
            for g in groups:
                if d.type in g and not any(m in present_readable for m in g):
                    grp = g
            if needed:
                sub.add_defect('DOC_MISSING', 'error', d.type, None, None, optional=True)
            elif grp:
                sub.add_defect('DOC_MISSING', 'error', grp[0], None, None, optional=True)
    for df in sub.defects:
        rel = df.get('related')
        if isinstance(rel, tuple):
            kind, key = rel
            culprit = next(d for d in sub.readable() if d.type == df['document'])
            if kind == '__holders':
                df['related'] = [{'document': d.type, 'field': key, 'file': d.file}
                                 for d in sub.readable() if d is not culprit and d.fields.get(key)]
            else:
                df['related'] = [{'document': d.type, 'field': key, 'file': d.file}
                                 for d in sub.readable() if d is not culprit
                                 and any(g.role == key and g.present and g.handwritten for g in d.sigs)]
        if df['document'] != 'unrecognized' and df.get('file') is None and df['code'] != 'DOC_MISSING':
            d = next((x for x in sub.docs if x.type == df['document']), None)
            df['file'] = d.file if d else None
        for a in df.get('alt', []) or []:
            d = next((x for x in sub.docs if x.type == a['document']), None)
            a['file'] = d.file if d else None
    # doubtful pages: a checker may ask for a person (never required)
    for d in sub.docs:
        if d.unreadable:
            continue
        if any(c in d.capture for c in ('phone', 'jpeg_q', 'dpi150', 'rotated')):
            sub.add_defect('IMAGE_QUALITY', 'warning', d.type, None, d.file, optional=True)
        if any(s.colour == 'grey' for s in d.seals if s.present):
            sub.add_defect('REVIEW_NEEDED', 'warning', d.type, None, d.file, optional=True)
