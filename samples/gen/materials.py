"""Renderers of the 19 materials, two or three layouts each.

Every renderer takes the document plan, the submission facts and a random source, and
returns a Composer holding the pages plus where values, signature lines and seal places are.
Labels come from forms.yaml; a value left blank in the plan prints as an empty cell, a bare
underline or a `年  月  日` placeholder.
"""
import datetime as dt

from PIL import ImageDraw

from . import ids
from .fonts import font, pt
from .page import A4, Box, Composer, Slot, Style, V

BLANK_DATE = '      年      月      日'


class P:
    """Prints the values of one document."""

    def __init__(self, doc, F, r, spec, official=False):
        self.doc, self.F, self.r, self.spec, self.official = doc, F, r, spec, official
        self.date_style = doc.opts.get('date_style') or (
            r.choice(['cn', 'cn', 'hanzi']) if official else r.choices(['cn', 'cn0', 'cnsp'], [6, 2, 1])[0])
        self.range_style = r.choice(['cn', 'qizhi', 'cn'])
        self.half_paren = r.random() < 0.15 and not official

    def lab(self, key):
        return self.spec.label(self.doc.type, key)

    def raw(self, key):
        return self.doc.fields.get(key, '')

    def hand(self, key):
        h = self.doc.hand_fields
        if not h:
            return False
        if h == 'date':
            return key == 'sign_date'
        return self.spec.ftype(self.doc.type, key) not in ('text',) or key in ('position',)

    def txt(self, key):
        v = self.raw(key)
        if v == '' or v is None:
            return ''
        if key in self.doc.opts.get('printed', {}):
            return self.doc.opts['printed'][key]
        t = self.spec.ftype(self.doc.type, key)
        if t == 'date':
            if self.hand(key):
                return ids.fmt_date(v, 'cn')      # nobody writes leading zeros by hand
            return ids.fmt_date(v, self.date_style if self.date_style != 'hanzi' or key != 'birth' else 'cn')
        if t == 'daterange':
            return ids.fmt_range(v, self.range_style)
        if t == 'amount':
            st = self.doc.opts.get('amount_style', {}).get(key)
            return ids.fmt_amount(v, st or 'plain')
        if t == 'docno':
            return ids.fmt_docno(v, self.r, self.official or self.doc.opts.get('docno_official', False))
        if t == 'company' and self.half_paren:
            return v.replace('（', '(').replace('）', ')')
        if t == 'year':
            return v + ('年度' if self.r.random() < 0.5 else '')
        return v

    def v(self, key, underline=False, min_w=0):
        return V(key, self.txt(key), underline, min_w, hand=self.hand(key) and self.raw(key) != '')

    def m(self, key, min_w=160):
        """A mention of a value inside running text (a filled-in blank, no anchor)."""
        return V(None, self.txt(key), True, min_w, hand=self.hand(key) and self.raw(key) != '')

    def date(self, key, underline=False):
        """A date value, or the printed placeholder when blank."""
        if self.raw(key) == '':
            return V(key, BLANK_DATE if not underline else '', underline, min_w=400)
        return self.v(key, underline)

    def clause(self, clause, text, alt):
        return alt if clause in self.doc.clauses_missing else text


def _style(r, doc, **kw):
    st = Style(r, **kw)
    doc.opts.setdefault('font', st.body)
    return st


def _sig_lines(p, roles, seal_label, date_key='sign_date', date_label=None, company_line=None):
    """The usual 落款 of an applicant's form: company (seal), signatures, date."""
    lines = []
    if company_line:
        lines.append([company_line[0], Slot('seal', 'applicant')] + ([p.v(company_line[1])] if company_line[1] else []))
    else:
        lines.append([seal_label, Slot('seal', 'applicant')])
    for role, label in roles:
        lines.append([label + '：', Slot('sig', role)])
    dl = date_label if date_label is not None else p.lab(date_key) + '：'
    lines.append([dl, p.date(date_key)])
    return lines


def _head_fields(c, p, keys, mode, r, label_w=None):
    """Header fields as inline underlined lines or as a two-column table."""
    if mode == 'table':
        rows = []
        for k in keys:
            if isinstance(k, tuple):
                rows.append([('L', p.lab(k[0]), 0.22), ('V', p.v(k[0]), 0.31), ('L', p.lab(k[1]), 0.17), ('V', p.v(k[1]), 0.30)])
            else:
                rows.append([('L', p.lab(k), 0.3), ('V', p.v(k), 0.7)])
        c.table(rows)
    else:
        fnt = c.f()
        flat = [x for k in keys for x in (k if isinstance(k, tuple) else (k,))]
        lw = label_w or (max(fnt.getlength(p.lab(k) + '：') for k in flat) if r.random() < 0.5 else None)
        for k in flat:
            c.field_line(p.lab(k), p.v(k), label_w=lw, underline='full' if r.random() < 0.3 else True)
        c.space(0.6)


# ---------------------------------------------------------------------------------------------
# applicant forms

def legal_rep_certificate(doc, F, r, spec):
    p = P(doc, F, r, spec)
    c = Composer(r, _style(r, doc))
    c.space(1.5)
    c.title(doc.title, spaced=r.random() < 0.3)
    sex = '男' if F.legal_rep.male else '女'
    age = (F.application - F.legal_rep.birth).days // 365
    body_end = p.clause('特此证明', '特此证明。', '')
    rep_clause = p.clause('的法定代表人', '的法定代表人。', '的负责人。')
    if doc.variant == 0:
        c.table([
            [('L', p.lab('company_name'), 0.28), ('V', p.v('company_name'), 0.72)],
            [('L', p.lab('uscc'), 0.28), ('V', p.v('uscc'), 0.72)],
            [('L', p.lab('legal_rep'), 0.28), ('V', p.v('legal_rep'), 0.32), ('L', '性别', 0.16), ('T', sex, 0.24)],
            [('L', p.lab('position'), 0.28), ('V', p.v('position'), 0.32), ('L', '年龄', 0.16), ('T', str(age), 0.24)],
            [('L', p.lab('legal_rep_id'), 0.28), ('V', p.v('legal_rep_id'), 0.72)],
        ])
        c.para(['兹证明', p.m('legal_rep'), '同志，现任我单位', p.m('position'), '职务，系', p.m('company_name', 400), rep_clause])
        if body_end:
            c.para(body_end)
        c.para('附：法定代表人身份证复印件（正反面）', indent=2)
        c.space(3)
        c.block(_sig_lines(p, [('legal_rep', '法定代表人（签字）')], '单位（盖章）'), align='right', x1=c.x1 - 120)
    elif doc.variant == 1:
        c.space(1)
        _head_fields(c, p, ['company_name', 'uscc'], 'inline', r)
        c.para([p.lab('legal_rep') + '：', p.v('legal_rep', True, 260), '  性别：', V(None, sex, True), '  年龄：', V(None, str(age), True)], indent=0)
        c.para([p.lab('position') + '：', p.v('position', True, 300)], indent=0)
        c.para([p.lab('legal_rep_id') + '：', p.v('legal_rep_id', True, 700)], indent=0)
        c.space(0.8)
        c.para(['上述人员系本单位', rep_clause, body_end])
        c.space(4)
        c.block(_sig_lines(p, [('legal_rep', '法定代表人（签字）')], '单位（盖章）'), align='right', x1=c.x1 - 80)
    else:
        c.space(1)
        c.para([p.lab('company_name') + '：', p.v('company_name')], indent=0)
        c.para([p.lab('uscc') + '：', p.v('uscc')], indent=0)
        c.space(0.5)
        c.para([p.lab('legal_rep') + '：', p.v('legal_rep'), '，性别：%s，出生日期：%s，' % (sex, ids.fmt_date(F.legal_rep.birth.isoformat())),
                p.lab('legal_rep_id') + '：', p.v('legal_rep_id'), '，在我单位任', p.lab('position') + '：', p.v('position'),
                '，系本单位', rep_clause])
        if body_end:
            c.para(body_end)
        c.space(4)
        c.block(_sig_lines(p, [('legal_rep', '法定代表人（签字）')], '单位（盖章）'), align='right', x1=c.x1 - 100)
    return c


def power_of_attorney(doc, F, r, spec):
    p = P(doc, F, r, spec)
    c = Composer(r, _style(r, doc))
    c.space(1)
    c.title(doc.title, size=pt(r.choice([16, 18])))
    entrust = p.clause('现委托', '现委托', '兹有') + '上述受托人' + p.clause('代为办理', '代为办理', '办理') + \
        '本单位信用信息修复的申请、材料提交、补正及文书领取等事项。受托人在上述委托权限内签署的文件，本单位均予承认，由此产生的法律责任由本单位承担。'
    if doc.variant == 0:
        c.table([
            [('L', p.lab('company_name'), 0.25), ('V', p.v('company_name'), 0.75)],
            [('L', p.lab('uscc'), 0.25), ('V', p.v('uscc'), 0.40), ('L', p.lab('legal_rep'), 0.15), ('V', p.v('legal_rep'), 0.20)],
            [('L', p.lab('agent_name'), 0.25), ('V', p.v('agent_name'), 0.40), ('L', p.lab('agent_phone'), 0.15), ('V', p.v('agent_phone'), 0.20)],
            [('L', p.lab('agent_id'), 0.25), ('V', p.v('agent_id'), 0.75)],
            [('L', p.lab('entrusted_matter'), 0.25), ('V', p.v('entrusted_matter'), 0.75)],
            [('L', p.lab('attorney_term'), 0.25), ('V', p.v('attorney_term'), 0.75)],
        ], size=c.s.size * 0.95)
        c.para(entrust)
        c.space(2)
    else:
        c.space(0.5)
        _head_fields(c, p, ['company_name', 'uscc', 'legal_rep'], 'inline', r)
        c.para([p.lab('agent_name') + '：', p.v('agent_name', True, 260), '    ', p.lab('agent_phone') + '：', p.v('agent_phone', True, 380)], indent=0)
        c.para([p.lab('agent_id') + '：', p.v('agent_id', True, 700)], indent=0)
        c.space(0.5)
        c.para(entrust)
        c.para([p.lab('entrusted_matter') + '：', p.v('entrusted_matter', True)], indent=0)
        c.para([p.lab('attorney_term') + '：', p.v('attorney_term', True, 900)], indent=0)
        c.space(2.5)
    c.block(_sig_lines(p, [('legal_rep', '法定代表人（签字）'), ('agent', '受托人（签字）')], '委托单位（盖章）'),
            align='right', x1=c.x1 - r.randint(40, 200))
    return c


def credit_commitment_letter(doc, F, r, spec):
    p = P(doc, F, r, spec)
    c = Composer(r, _style(r, doc))
    c.space(1)
    c.title(doc.title, size=pt(r.choice([15, 16, 18])))
    mode = ['inline', 'table', 'inline'][doc.variant]
    _head_fields(c, p, ['company_name', 'uscc', 'legal_rep', 'decision_no'], mode, r)
    c.para('本单位因违法行为受到上述行政处罚，现已依法履行行政处罚决定规定的各项义务，申请对相关失信信息进行信用修复，并郑重承诺如下：')
    items = [
        '本单位提交的全部申请材料' + p.clause('真实、准确、完整', '真实、准确、完整', '真实有效') + '，不存在隐瞒、虚构、伪造等情形。',
        '本单位' + p.clause('已纠正失信行为', '已纠正失信行为', '对相关问题进行了处理') + '，履行了法定责任和义务，消除了不良社会影响。',
        '本单位将严格遵守法律、法规和规章，依法诚信经营，主动接受政府、行业组织、社会公众和新闻舆论的监督。',
        '如违背上述承诺，本单位' + p.clause('愿意承担相应的法律责任', '愿意承担相应的法律责任', '接受相关部门处理') + '，并同意将违背承诺的情况记入信用记录。',
    ]
    nums = r.choice([['一、', '二、', '三、', '四、'], ['1．', '2．', '3．', '4．'], ['（一）', '（二）', '（三）', '（四）']])
    for n, it in zip(nums, items):
        c.para(n + it)
    c.para('特此承诺。')
    c.space(3)
    c.block(_sig_lines(p, [('legal_rep', '法定代表人（签字）')], '承诺单位（盖章）'), align='right', x1=c.x1 - r.randint(60, 220))
    return c


def compliance_commitment_letter(doc, F, r, spec):
    p = P(doc, F, r, spec)
    c = Composer(r, _style(r, doc))
    c.space(1.5)
    c.title(doc.title, spaced=r.random() < 0.4)
    _head_fields(c, p, ['company_name', 'uscc'], ['inline', 'table', 'inline'][doc.variant], r)
    c.para('本当事人向%s申请信用修复，现作出如下承诺：' % F.market_authority)
    items = [
        '所提交的申请材料真实、合法、有效，如有虚假，愿承担由此产生的一切法律责任；',
        '已经纠正违法行为、履行法定义务，消除了不良影响；',
        '今后将严格遵守法律法规，' + p.clause('依法诚信经营', '依法诚信经营', '规范经营') + '，切实履行市场主体责任；',
        p.clause('自愿接受', '自愿接受', '接受') + '市场监督管理部门的监督检查，如违反承诺，愿意承担相应法律责任。',
    ]
    for i, it in enumerate(items):
        c.para('%d．%s' % (i + 1, it))
    c.space(3)
    c.block(_sig_lines(p, [('legal_rep', '法定代表人（签字）')], '当事人（盖章）'), align='right', x1=c.x1 - r.randint(60, 220))
    return c


def repair_application_form(doc, F, r, spec):
    p = P(doc, F, r, spec)
    doc.opts.setdefault('amount_style', {})['fine_amount'] = r.choice(['yuan', 'plain', 'comma', 'wan'])
    st = _style(r, doc, size_pt=r.choice([10.5, 11, 12]))
    c = Composer(r, st)
    c.title(doc.title, size=pt(r.choice([15, 16])))
    sigblock = [('para', ['本申请主体承诺所填信息及所附材料真实、准确、完整，如有虚假，愿意承担相应的法律责任。'], 2), 'gap',
                ['法定代表人（签字）：', Slot('sig', 'legal_rep')],
                ['申请主体（盖章）', Slot('seal', 'applicant'), '      ', p.lab('sign_date') + '：', p.date('sign_date')]]
    opinion = [('para', [p.v('authority_opinion')], 2), 'gap',
               ['处罚机关（盖章）', Slot('seal', 'authority')],
               ['              ', p.date('opinion_date')]]
    H = int(st.size * 9.5)
    rows = [
        [('L', p.lab('company_name'), 0.2), ('V', p.v('company_name'), 0.8)],
        [('L', p.lab('uscc'), 0.2), ('V', p.v('uscc'), 0.35), ('L', p.lab('legal_rep'), 0.17), ('V', p.v('legal_rep'), 0.28)],
        [('L', p.lab('contact'), 0.2), ('V', p.v('contact'), 0.35), ('L', p.lab('phone'), 0.17), ('V', p.v('phone'), 0.28)],
        [('L', p.lab('decision_no'), 0.2), ('V', p.v('decision_no'), 0.35), ('L', p.lab('penalty_date'), 0.17), ('V', p.v('penalty_date'), 0.28)],
        [('L', p.lab('authority'), 0.2), ('V', p.v('authority'), 0.35), ('L', p.lab('fine_amount'), 0.17), ('V', p.v('fine_amount'), 0.28)],
        [('L', p.lab('performance'), 0.2), ('V', p.v('performance'), 0.8)],
    ]
    if doc.variant == 0:
        rows += [[('L', '申请主体承诺', 0.2), ('B', sigblock, 0.8, int(st.size * 11))],
                 [('L', p.lab('authority_opinion'), 0.2), ('B', opinion, 0.8, H)]]
    else:
        rows = rows[:1] + [[('L', p.lab('uscc'), 0.2), ('V', p.v('uscc'), 0.8)],
                           [('L', p.lab('legal_rep'), 0.2), ('V', p.v('legal_rep'), 0.3), ('L', p.lab('contact'), 0.2), ('V', p.v('contact'), 0.3)],
                           [('L', p.lab('phone'), 0.2), ('V', p.v('phone'), 0.8)],
                           [('L', p.lab('decision_no'), 0.2), ('V', p.v('decision_no'), 0.8)],
                           [('L', p.lab('penalty_date'), 0.2), ('V', p.v('penalty_date'), 0.3), ('L', p.lab('fine_amount'), 0.2), ('V', p.v('fine_amount'), 0.3)],
                           [('L', p.lab('authority'), 0.2), ('V', p.v('authority'), 0.8)],
                           [('L', p.lab('performance'), 0.2), ('V', p.v('performance'), 0.8)],
                           [('L', '申请主体意见', 0.2), ('B', sigblock, 0.8, int(st.size * 11))],
                           [('L', p.lab('authority_opinion'), 0.2), ('B', opinion, 0.8, H)]]
    c.table(rows, min_h=int(st.size * 2.6))
    c.para('注：本表一式两份，申请主体与处罚机关各留存一份。', indent=0, size=st.size * 0.85)
    return c


def rectification_report(doc, F, r, spec):
    p = P(doc, F, r, spec)
    c = Composer(r, _style(r, doc))
    c.space(1.5)
    c.title(doc.title, spaced=r.random() < 0.5)
    if doc.variant == 0:
        _head_fields(c, p, ['company_name', 'decision_no'], 'inline', r)
    else:
        c.table([[('L', p.lab('company_name'), 0.3), ('V', p.v('company_name'), 0.7)],
                 [('L', p.lab('decision_no'), 0.3), ('V', p.v('decision_no'), 0.7)]])
    c.para('%s，本单位因%s，被%s依法作出行政处罚。本单位高度重视，深刻反思，立即组织整改，现将整改情况报告如下：'
           % (ids.fmt_date(F.penalty.isoformat()), F.case[0], F.authority))
    c.para('一、违法行为发生的原因：本单位内部管理制度不健全，相关人员法律意识淡薄，对有关规定学习不够。')
    c.para(['二、', p.lab('measures') + '：', p.v('measures'), '。'])
    c.para(['三、', p.lab('done_date') + '：', p.date('done_date'), '，上述问题已全部整改到位，罚款已按期足额缴纳。'])
    c.para('今后本单位将严格遵守相关法律法规，加强日常管理，杜绝类似问题再次发生。')
    c.space(3)
    c.block(_sig_lines(p, [('legal_rep', '法定代表人（签字）')], '单位（盖章）'), align='right', x1=c.x1 - r.randint(60, 220))
    return c


def samr_repair_application(doc, F, r, spec):
    p = P(doc, F, r, spec)
    st = _style(r, doc, size_pt=r.choice([11, 12]))
    c = Composer(r, st)
    c.space(0.5)
    c.title(doc.title, size=pt(r.choice([16, 18])))
    opts = ['移出经营异常名录', '提前移出严重违法失信名单']
    if r.random() < 0.5:
        opts = ['移出经营异常名录', '恢复个体工商户正常记载状态', '提前移出严重违法失信名单', '提前停止公示行政处罚信息']
    chosen = p.raw('matter')
    box = [[Box(o == chosen), ' ' + o] for o in opts]
    sigblock = [('para', ['本当事人对所提交材料的真实性、合法性负责，所填报信息真实有效。'], 0), 'gap',
                ['法定代表人（签字）：', Slot('sig', 'legal_rep')],
                ['当事人（盖章）', Slot('seal', 'applicant'), '        ', p.lab('sign_date') + '：', p.date('sign_date')]]
    rows = [
        [('L', p.lab('company_name'), 0.22), ('V', p.v('company_name'), 0.78)],
        [('L', p.lab('uscc'), 0.22), ('V', p.v('uscc'), 0.34), ('L', p.lab('legal_rep'), 0.18), ('V', p.v('legal_rep'), 0.26)],
        [('L', p.lab('phone'), 0.22), ('V', p.v('phone'), 0.34), ('L', '住所', 0.18), ('T', F.address, 0.26)],
        [('L', p.lab('matter'), 0.22), ('B', box, 0.78, int(st.size * (1.9 * len(opts) + 0.8)))],
        [('L', p.lab('listing_no'), 0.22), ('V', p.v('listing_no'), 0.34), ('L', p.lab('listing_date'), 0.18), ('V', p.v('listing_date'), 0.26)],
        [('L', p.lab('reason'), 0.22), ('V', p.v('reason'), 0.78)],
        [('L', '当事人承诺', 0.22), ('B', sigblock, 0.78, int(st.size * 11))],
    ]
    if doc.variant == 1:
        rows[2] = [('L', p.lab('phone'), 0.22), ('V', p.v('phone'), 0.78)]
    c.table(rows, min_h=int(st.size * 2.8))
    doc.opts['checkbox'] = True
    return c


def service_address_confirmation(doc, F, r, spec):
    p = P(doc, F, r, spec)
    st = _style(r, doc)
    c = Composer(r, st)
    c.space(1)
    c.title(doc.title)
    c.para('告知事项：为便于及时送达文书，当事人应当如实提供确切的送达地址，因提供的地址不准确、送达地址变更未及时告知，导致文书未能被实际接收的，文书退回之日视为送达之日。', size=st.size * 0.95)
    rows = [
        [('L', p.lab('company_name'), 0.25), ('V', p.v('company_name'), 0.75)],
        [('L', p.lab('service_address'), 0.25), ('V', p.v('service_address'), 0.75)],
        [('L', p.lab('contact'), 0.25), ('V', p.v('contact'), 0.3), ('L', p.lab('phone'), 0.18), ('V', p.v('phone'), 0.27)],
        [('L', '电子送达', 0.25), ('B', [[Box(True), ' 同意      ', Box(False), ' 不同意']], 0.75, int(st.size * 2.6))],
        [('L', '受送达人确认', 0.25), ('B', [('para', ['本人已阅知上述告知事项，确认以上送达地址真实有效。'], 0), 'gap',
                                            ['受送达人（签字）：', Slot('sig', 'legal_rep')],
                                            ['（盖章）', Slot('seal', 'applicant'), '      ', p.lab('sign_date') + '：', p.date('sign_date')]],
                                     0.75, int(st.size * 9))],
    ]
    c.table(rows, min_h=int(st.size * 2.8))
    return c


def premises_proof(doc, F, r, spec):
    p = P(doc, F, r, spec)
    st = _style(r, doc)
    c = Composer(r, st)
    c.space(1.5)
    c.title(doc.title, size=pt(r.choice([16, 18])))
    agree = p.clause('同意', '同意', '知悉')
    if doc.variant == 0:
        c.table([[('L', p.lab('premises_address'), 0.25), ('V', p.v('premises_address'), 0.75)],
                 [('L', p.lab('lessor'), 0.25), ('V', p.v('lessor'), 0.75)],
                 [('L', p.lab('company_name'), 0.25), ('V', p.v('company_name'), 0.75)],
                 [('L', p.lab('lease_term'), 0.25), ('V', p.v('lease_term'), 0.75)],
                 [('L', '房屋用途', 0.25), ('T', '办公', 0.75)]])
        c.para(['产权人', agree, '将上述房屋提供给使用单位作为住所（经营场所）使用，并对所提供证明的真实性负责。'])
    else:
        _head_fields(c, p, ['premises_address', 'lessor', 'company_name', 'lease_term'], 'inline', r)
        c.para(['兹证明上述房屋产权清晰，产权人', agree, '使用单位在此地址办理登记并从事经营活动。'])
    c.para('特此证明。')
    c.space(3)
    c.block([['产权人（签字或盖章）：', Slot('sig', 'lessor'), Slot('seal', 'lessor')],
             [p.lab('sign_date') + '：', p.date('sign_date')]], align='right', x1=c.x1 - r.randint(40, 200))
    return c


def annual_report_proof(doc, F, r, spec):
    p = P(doc, F, r, spec)
    st = _style(r, doc, size_pt=r.choice([10.5, 11, 12]))
    st.body = r.choice(['sans', 'microhei', 'zenhei'])
    c = Composer(r, st)
    d = c.d
    # a print-out of the public system's page: header bar, then the report table
    d.rectangle([c.x0 - 40, c.y - 40, c.x1 + 40, c.y + 150], fill=(196, 28, 36) if r.random() < 0.6 else (40, 90, 160))
    d.text((c.x0, c.y), '国家企业信用信息公示系统', font=font('sans_bold', pt(18)), fill=(255, 255, 255))
    d.text((c.x1 - 560, c.y + 30), '（天津）', font=font('sans', pt(14)), fill=(255, 255, 255))
    c.y += 260
    c.title(doc.title, size=pt(15), name='sans_bold')
    c.table([[('L', p.lab('company_name'), 0.28), ('V', p.v('company_name'), 0.72)],
             [('L', p.lab('uscc'), 0.28), ('V', p.v('uscc'), 0.72)],
             [('L', p.lab('report_year'), 0.28), ('V', p.v('report_year'), 0.72)],
             [('L', p.lab('published'), 0.28), ('V', p.v('published'), 0.72)],
             [('L', '公示状态', 0.28), ('T', '已公示', 0.72)]])
    c.para('企业年报信息', indent=0, name='sans_bold')
    y0 = int(p.raw('report_year') or F.year - 1)
    rows = [[('L', '序号', 0.12), ('L', '报送年度', 0.3), ('L', '公示日期', 0.33), ('L', '详情', 0.25)]]
    for i, yr in enumerate(range(y0, y0 - 3, -1)):
        pd = p.txt('published') if i == 0 else ids.fmt_date('%d-%02d-%02d' % (yr + 1, r.randint(3, 6), r.randint(1, 28)))
        rows.append([('T', str(i + 1), 0.12), ('T', '%d年度报告' % yr, 0.3), ('T', pd, 0.33), ('T', '查看', 0.25)])
    c.table(rows)
    c.space(1)
    c.para('打印时间：%s %02d:%02d   网址：www.gsxt.gov.cn' % (ids.fmt_date(F.application.isoformat(), 'dash'), r.randint(8, 17), r.randint(0, 59)), indent=0, size=st.size * 0.8)
    c.slots['seal:applicant'] = (0, [c.x1 - 700, c.y - 200, 500, 400])
    return c


# ---------------------------------------------------------------------------------------------
# authority documents

def _official_style(r, doc):
    st = _style(r, doc)
    st.body = r.choice(['serif', 'ming', 'serif', 'sans'])
    st.title = r.choice(['serif_bold', 'sans_bold'])
    st.size = pt(r.choice([14, 15, 16]))
    st.line = r.uniform(1.6, 1.85)
    st.margin_l = int(r.uniform(300, 340))
    st.margin_r = int(r.uniform(280, 320))
    st.margin_t = int(r.uniform(300, 400))
    st.margin_b = int(r.uniform(330, 400))
    return st


def _official_head(c, doc, r, authority_header, no_value):
    red = r.random() < 0.45
    if red:
        c.title(authority_header, size=pt(r.choice([20, 22, 24])), name='serif_bold', fill=(200, 20, 30), gap=0.5)
        c.d.line([(c.x0, c.y), (c.x1, c.y)], fill=(200, 20, 30), width=6)
        c.y += 60
        c.title(doc.title, size=pt(r.choice([18, 20, 22])), gap=0.6)
    else:
        c.title(authority_header, size=pt(r.choice([18, 20])), gap=0.3)
        c.title(doc.title, size=pt(r.choice([20, 22])), gap=0.6, spaced=r.random() < 0.3)
    if r.random() < 0.6:
        c.centre([no_value])
    else:
        c.right([no_value], pad=40)
    c.space(0.8)


def _page_numbers(c, r):
    if r.random() < 0.7:
        n = len(c.pages)
        fmt = r.choice(['— %d —', '第%d页 共%d页', '- %d -'])
        for i, im in enumerate(c.pages):
            d = ImageDraw.Draw(im)
            s = fmt % ((i + 1, n) if '共' in fmt else (i + 1))
            f = font('sans', pt(11))
            d.text((A4[0] / 2 - f.getlength(s) / 2, A4[1] - 200), s, font=f, fill=(0, 0, 0))


def _official_sign(c, p, r, auth_key, date_key, date_label=''):
    c.space(2.5)
    before = c.pno
    c.ensure(int(c.s.size * 7))
    if c.pno != before:
        c.para('（此页无正文）', indent=0)
        c.space(3)
    fnt = c.f()
    name = p.txt(auth_key)
    date = p.date(date_key)
    w = max(fnt.getlength(name), fnt.getlength((date_label or '') + (date.text or BLANK_DATE)))
    x = c.x1 - w - r.randint(40, 160)
    c.line_segs(x, c.y, [p.v(auth_key)])
    c.slots['seal:authority'] = (c.pno, [int(x + w / 2 - 300), int(c.y - 100), 600, int(c.lh() + 260)])
    c.y += c.lh()
    c.line_segs(x + (w - fnt.getlength(date_label + (date.text or BLANK_DATE))) / 2, c.y, [date_label, date] if date_label else [date])
    c.y += c.lh() * 2


def penalty_decision(doc, F, r, spec):
    p = P(doc, F, r, spec, official=True)
    doc.opts.setdefault('printed', {})['fine_amount'] = r.choice([
        '人民币%s元' % int(float(F.fine)), '人民币' + ids.amount_upper(F.fine), '%d元' % int(float(F.fine)),
        '人民币%s元（%s）' % (int(float(F.fine)), ids.amount_upper(F.fine))]) if p.raw('fine_amount') else ''
    c = Composer(r, _official_style(r, doc))
    _official_head(c, doc, r, F.authority, p.v('decision_no'))
    for k in ['company_name', 'uscc']:
        if k == 'uscc' and r.random() < 0.5:
            c.para('主体资格证照名称：营业执照', indent=0)
        c.para([p.lab(k) + '：', p.v(k)], indent=0, gap=0.1)
    c.para('住所：' + F.address, indent=0, gap=0.1)
    c.para([p.lab('legal_rep') + '：', p.v('legal_rep')], indent=0)
    insp = ids.fmt_date(F.inspection.isoformat())
    c.para('%s，本局执法人员依法对当事人的经营场所进行检查，发现当事人涉嫌%s。经本局负责人批准，本局于同日对当事人立案调查。' % (insp, F.case[0]))
    c.para('经查明：当事人自%s起%s，违法行为持续至本局检查之日。当事人违法所得无法计算。' %
           (ids.fmt_date((F.inspection - dt.timedelta(days=r.randint(30, 200))).isoformat()), F.case[0]))
    c.para('上述事实，主要有以下证据证明：1．当事人营业执照复印件；2．法定代表人身份证复印件；3．现场笔录及现场照片；4．询问笔录；5．当事人提供的相关情况说明。')
    c.para('%s，本局向当事人送达了行政处罚告知书，告知当事人拟作出行政处罚的事实、理由、依据及处罚内容，并告知当事人依法享有陈述、申辩和要求听证的权利。当事人在法定期限内未提出陈述、申辩意见，也未要求听证。'
           % ids.fmt_date((F.penalty - dt.timedelta(days=r.randint(10, 25))).isoformat()))
    c.para('本局认为，当事人的上述行为违反了%s的规定。' % F.case[1])
    c.para(['依据%s的规定，本局决定对当事人作出如下行政处罚：' % F.case[2]])
    c.para('1．%s；' % F.case[3])
    c.para(['2．', p.lab('fine_amount'), p.v('fine_amount'), '。'])
    c.para('当事人应当自收到本决定书之日起十五日内，持本决定书到指定银行缴纳罚款。逾期不缴纳罚款的，本局将每日按罚款数额的百分之三加处罚款。')
    court = F.dist[1].replace('新区', '') + '区' if F.dist[1] == '滨海新区' else F.dist[1]
    c.para('当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向天津市%s人民政府申请行政复议；也可以在六个月内依法向天津市%s人民法院提起行政诉讼。' % (F.dist[1], court))
    _official_sign(c, p, r, 'authority', 'penalty_date')
    c.para('（本决定书一式两份，一份送达当事人，一份归档）', indent=0, size=c.s.size * 0.8)
    _page_numbers(c, r)
    return c


def serious_list_decision(doc, F, r, spec):
    p = P(doc, F, r, spec, official=True)
    c = Composer(r, _official_style(r, doc))
    _official_head(c, doc, r, F.market_authority, p.v('listing_no'))
    c.para([p.lab('company_name') + '：', p.v('company_name')], indent=0, gap=0.1)
    c.para([p.lab('uscc') + '：', p.v('uscc')], indent=0, gap=0.1)
    c.para('住所：' + F.address, indent=0)
    c.para(['当事人因%s，于%s被本局处以罚款%s元的行政处罚（' % (F.case[0], ids.fmt_date(F.penalty.isoformat()), int(float(F.fine))),
            p.lab('decision_no') + '：', p.v('decision_no'), '），属于较重行政处罚。'])
    c.para('依据《市场监督管理严重违法失信名单管理办法》第二条、第十条的规定，本局决定将当事人列入严重违法失信名单，通过国家企业信用信息公示系统公示，并实施相应管理措施。')
    c.para('当事人被列入严重违法失信名单满一年，且已履行行政处罚决定规定的义务、纠正违法行为、未再受到较重行政处罚的，可以依法向本局申请提前移出。')
    c.para('当事人如不服本决定，可以在收到本决定书之日起六十日内向天津市%s人民政府申请行政复议；也可以在六个月内依法向人民法院提起行政诉讼。' % F.dist[1])
    _official_sign(c, p, r, 'listing_authority', 'listing_date')
    _page_numbers(c, r)
    return c


def abnormal_list_decision(doc, F, r, spec):
    p = P(doc, F, r, spec, official=True)
    c = Composer(r, _official_style(r, doc))
    _official_head(c, doc, r, F.market_authority, p.v('listing_no'))
    c.para([p.lab('company_name') + '：', p.v('company_name')], indent=0, gap=0.1)
    c.para([p.lab('uscc') + '：', p.v('uscc')], indent=0, gap=0.1)
    c.para('住所：' + F.address, indent=0)
    c.para(['经查，当事人存在以下情形：', p.lab('listing_reason') + '：', p.v('listing_reason'), '。'])
    c.para('依据《企业信息公示暂行条例》第十七条、《市场监督管理严重违法失信名单管理办法》及《企业经营异常名录管理暂行办法》的有关规定，本局决定将当事人列入经营异常名录。')
    c.para('当事人自被列入经营异常名录之日起三年内依法履行相关义务后，可以向本局申请移出经营异常名录。')
    c.para('当事人如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。')
    _official_sign(c, p, r, 'listing_authority', 'listing_date')
    return c


def samr_repair_decision(doc, F, r, spec):
    p = P(doc, F, r, spec, official=True)
    c = Composer(r, _official_style(r, doc))
    _official_head(c, doc, r, p.txt('repair_authority') or F.market_authority, p.v('repair_no'))
    c.para([p.lab('company_name') + '：', p.v('company_name')], indent=0, gap=0.1)
    c.para([p.lab('uscc') + '：', p.v('uscc')], indent=0)
    what = '提前停止公示行政处罚信息' if F.domain == 'admin_penalty' else '移出经营异常名录'
    c.para('你（单位）于%s向本局提出信用修复申请，申请%s。' % (ids.fmt_date((F.repair_date - dt.timedelta(days=r.randint(5, 20))).isoformat()), what))
    c.para(['经审查，你（单位）已履行相关决定规定的义务，纠正了违法行为，符合信用修复条件。依据《市场监督管理信用修复管理办法》的规定，本局决定', p.clause('准予', '准予', '同意'),
            '信用修复，%s（' % what, p.lab('original_no') + '：', p.v('original_no'), '）。'])
    c.para('本局将在作出决定之日起三个工作日内，通过国家企业信用信息公示系统办理相关事项。')
    _official_sign(c, p, r, 'repair_authority', 'sign_date')
    return c


def authority_compliance_proof(doc, F, r, spec):
    p = P(doc, F, r, spec, official=True)
    c = Composer(r, _official_style(r, doc))
    c.space(1)
    c.title(doc.title, size=pt(r.choice([18, 20])), gap=0.8)
    c.para([p.lab('company_name') + '：', p.v('company_name')], indent=0, gap=0.1)
    c.para([p.lab('decision_no') + '：', p.v('decision_no')], indent=0)
    c.para('本机关于%s对你单位作出行政处罚决定。%s，本机关对你单位履行行政处罚决定及整改情况进行了复查。'
           % (ids.fmt_date(F.penalty.isoformat()), ids.fmt_date((F.proof_date - dt.timedelta(days=r.randint(1, 6))).isoformat())))
    c.para('经核实，你单位已于%s足额缴纳罚款，并已按要求完成整改，' % ids.fmt_date(F.paid.isoformat()) +
           p.clause('已履行完毕', '行政处罚决定规定的义务已履行完毕。', '相关义务已经落实。'))
    c.para([p.lab('conclusion') + '：', p.v('conclusion')])
    c.para('特此证明。')
    _official_sign(c, p, r, 'authority', 'sign_date', date_label=p.lab('sign_date') + '：')
    return c


# ---------------------------------------------------------------------------------------------
# bank receipt

def fine_payment_receipt(doc, F, r, spec):
    p = P(doc, F, r, spec)
    doc.opts['docno_official'] = r.random() < 0.5
    st = _style(r, doc, size_pt=r.choice([10.5, 11, 12]))
    st.body = r.choice(['sans', 'serif', 'zenhei', 'microhei'])
    c = Composer(r, st)
    doc.opts.setdefault('amount_style', {})['paid_amount'] = r.choice(['plain', 'yen', 'comma'])
    box_top = c.y - 60
    if doc.title == '代收罚款收据':
        c.centre([F.bank], size=st.size * 1.1)
        c.title(doc.title, size=pt(18), gap=0.3)
        c.right(['No.%07d' % r.randint(1000000, 9999999)], pad=60)
        lw = c.f().getlength('金额人民币（大写）：')
        for k in ['company_name', 'decision_no']:
            c.field_line(p.lab(k), p.v(k), label_w=lw)
        c.field_line('执法机关', V(None, F.authority), label_w=lw)
        c.field_line('罚款金额', V(None, ids.fmt_amount(F.fine, 'plain')), label_w=lw)
        c.field_line('加处罚款', V(None, '0.00'), label_w=lw)
        for k in ['paid_amount', 'paid_amount_upper']:
            c.field_line(p.lab(k), p.v(k), label_w=lw)
        c.field_line(p.lab('bank'), p.v('bank'), label_w=lw)
        c.field_line(p.lab('paid_date'), p.date('paid_date'), label_w=lw)
        c.y += 10
        c.line_segs(c.x1 - 900, c.y, ['代收机构（盖章）', Slot('seal', 'bank')])
        c.line_segs(c.x0, c.y, ['收款人：'])
        c.y += c.lh() * 1.5
        c.para('第三联  交款人收执' if r.random() < 0.5 else '第二联  收据联（交缴款人）', indent=0, size=st.size * 0.8)
    else:
        c.centre(['天津市'], size=st.size)
        c.title(doc.title, size=pt(18), gap=0.3)
        c.centre(['（电子）' if r.random() < 0.3 else ''], size=st.size * 0.8, gap=0.2)
        c.line_segs(c.x0, c.y, ['执收单位编码：%d' % r.randint(100000, 999999)])
        c.line_segs(c.x1 - 760, c.y, [p.lab('paid_date') + '：', p.date('paid_date')])
        c.y += c.lh()
        c.table([
            [('L', '付款人', 0.08), ('L', '全称', 0.12), ('V', p.v('company_name'), 0.3), ('L', '收款人', 0.08), ('L', '全称', 0.12), ('T', '天津市财政局', 0.3)],
            [('L', '', 0.08), ('L', '账号', 0.12), ('T', '%d' % r.randint(10 ** 15, 10 ** 16 - 1), 0.3), ('L', '', 0.08), ('L', '账号', 0.12), ('T', '0302%012d' % r.randint(0, 10 ** 12 - 1), 0.3)],
            [('L', p.lab('bank'), 0.2), ('V', p.v('bank'), 0.3), ('L', '执收单位', 0.2), ('T', F.authority, 0.3)],
            [('L', p.lab('decision_no'), 0.2), ('V', p.v('decision_no'), 0.8)],
            [('L', '项目名称', 0.2), ('T', '罚没收入', 0.3), ('L', '罚款金额', 0.2), ('T', ids.fmt_amount(F.fine, 'plain'), 0.3)],
            [('L', p.lab('paid_amount_upper'), 0.2), ('V', p.v('paid_amount_upper'), 0.5), ('L', p.lab('paid_amount'), 0.1), ('V', p.v('paid_amount'), 0.2)],
            [('L', '备注', 0.2), ('B', [['经办人：'], ['代收机构（盖章）', Slot('seal', 'bank')]], 0.8, int(st.size * 5.5))],
        ])
        c.para('第一联（收据）国库经收处收款盖章后退缴款人', indent=0, size=st.size * 0.8)
    d = c.d
    if r.random() < 0.7:
        d.rectangle([c.x0 - 50, box_top, c.x1 + 50, c.y + 20], outline=(0, 0, 0), width=3)
    return c


# ---------------------------------------------------------------------------------------------
# certificates and cards

def _emblem(d, cx, cy, rad, gold=(214, 168, 60), red=(200, 30, 36)):
    d.ellipse([cx - rad, cy - rad, cx + rad, cy + rad], fill=gold)
    d.ellipse([cx - rad * 0.8, cy - rad * 0.8, cx + rad * 0.8, cy + rad * 0.8], fill=red)
    from .seals import _star
    _star(d, cx, cy - rad * 0.2, rad * 0.3, fill=gold)
    d.rectangle([cx - rad * 0.45, cy + rad * 0.2, cx + rad * 0.45, cy + rad * 0.45], fill=gold)


def _qr(d, x, y, size, r):
    n = 25
    m = size / n
    for i in range(n):
        for j in range(n):
            if r.random() < 0.5:
                d.rectangle([x + i * m, y + j * m, x + (i + 1) * m, y + (j + 1) * m], fill=(0, 0, 0))
    for fx, fy in [(0, 0), (n - 7, 0), (0, n - 7)]:
        d.rectangle([x + fx * m, y + fy * m, x + (fx + 7) * m, y + (fy + 7) * m], fill=(255, 255, 255))
        d.rectangle([x + fx * m, y + fy * m, x + (fx + 7) * m, y + (fy + 7) * m], outline=(0, 0, 0), width=int(m))
        d.rectangle([x + (fx + 2) * m, y + (fy + 2) * m, x + (fx + 5) * m, y + (fy + 5) * m], fill=(0, 0, 0))


def _border(d, W, H, r, colour):
    """A decorative certificate border: a double frame with a repeated motif between."""
    m = 70
    d.rectangle([m, m, W - m, H - m], outline=colour, width=10)
    d.rectangle([m + 60, m + 60, W - m - 60, H - m - 60], outline=colour, width=4)
    step = 30
    kind = r.randint(0, 2)
    for x in range(m + 30, W - m - 20, step):
        for y in (m + 30, H - m - 30):
            _motif(d, x, y, kind, colour)
    for y in range(m + 30, H - m - 20, step):
        for x in (m + 30, W - m - 30):
            _motif(d, x, y, kind, colour)


def _motif(d, x, y, kind, c):
    if kind == 0:
        d.polygon([(x, y - 10), (x + 10, y), (x, y + 10), (x - 10, y)], outline=c, width=2)
    elif kind == 1:
        d.ellipse([x - 8, y - 8, x + 8, y + 8], outline=c, width=2)
    else:
        d.line([(x - 10, y - 10), (x + 10, y + 10)], fill=c, width=2)
        d.line([(x - 10, y + 10), (x + 10, y - 10)], fill=c, width=2)


def business_license(doc, F, r, spec):
    """The licence itself is drawn landscape; variant 1 is an A4 photocopy with it reduced."""
    from .seals import round_seal, seal_colour, serial_number
    from .ink import composite_center
    import numpy as np
    p = P(doc, F, r, spec, official=True)
    p.date_style = 'cn0'
    p.range_style = 'cn0'
    doc.opts.setdefault('amount_style', {})['capital'] = 'upper'
    doc.opts.setdefault('printed', {})['capital'] = '人民币' + ids.amount_upper(F.capital).replace('元整', '元整')
    st = _style(r, doc)
    st.body = r.choice(['serif', 'ming', 'serif'])
    st.size = pt(r.choice([13, 14]))
    W, H = 3508, 2480
    c = Composer(r, st, size=(W, H))
    d = c.d
    bcol = r.choice([(178, 120, 60), (150, 70, 50), (170, 140, 80)])
    _border(d, W, H, r, bcol)
    _emblem(d, W / 2, 330, 120)
    f_title = font(r.choice(['serif_bold', 'sans_bold']), pt(54))
    t = '营 业 执 照'
    d.text((W / 2 - f_title.getlength(t) / 2, 480), t, font=f_title, fill=(0, 0, 0))
    if r.random() < 0.7:
        fsub = font('serif', pt(18))
        d.text((W / 2 - fsub.getlength('（副 本）') / 2, 760), '（副 本）', font=fsub, fill=(0, 0, 0))
    fl = font(st.body, st.size)
    d.text((300, 430), p.lab('uscc'), font=fl, fill=(0, 0, 0))
    c.y = 500
    c.line_segs(300, 500, [p.v('uscc')], size=st.size * 1.05, name='serif')
    _qr(d, W - 640, 300, 300, r)
    d.text((W - 700, 620), '扫描二维码登录"国家企业信用', font=font('sans', pt(7)), fill=(0, 0, 0))
    d.text((W - 700, 650), '信息公示系统"了解更多登记信息', font=font('sans', pt(7)), fill=(0, 0, 0))
    spaced = r.random() < 0.6

    def lab(k, text=None):
        s = text or p.lab(k)
        if spaced and len(s) == 2:
            s = s[0] + '　　' + s[1]
        elif spaced and len(s) == 4 and k != 'legal_rep':
            s = ' '.join(s)
        return s

    left = [('company_name', None), ('company_type', None), ('legal_rep', None), ('__scope', '经营范围')]
    right = [('capital', None), ('founded', None), ('business_term', None), ('registered_address', None)]
    lx, vx = 330, 330 + fl.size * 6.0
    rx, rvx = W / 2 + 220, W / 2 + 220 + fl.size * 6.2
    y0 = 980
    gap = int(fl.size * 2.1)
    y = y0
    for k, text in left:
        d.text((lx, y), lab(k, text), font=fl, fill=(0, 0, 0))
        if k == '__scope':
            for ln in c.wrap_text(F.scope, fl, W / 2 - vx + 40)[:5]:
                d.text((vx, y), ln, font=fl, fill=(0, 0, 0))
                y += int(fl.size * 1.45)
        else:
            lines = c.wrap_text(p.txt(k), fl, W / 2 - vx + 60)
            c.line_segs(vx, y, [p.v(k)] if len(lines) == 1 else [V(k, lines[0])])
            for ln in lines[1:]:
                y += int(fl.size * 1.45)
                d.text((vx, y), ln, font=fl, fill=(0, 0, 0))
            y += gap
    y = y0
    for k, text in right:
        d.text((rx, y), lab(k, text), font=fl, fill=(0, 0, 0))
        lines = c.wrap_text(p.txt(k), fl, W - 330 - rvx)
        c.line_segs(rvx, y, [V(k, lines[0])])
        for ln in lines[1:]:
            y += int(fl.size * 1.45)
            d.text((rvx, y), ln, font=fl, fill=(0, 0, 0))
        y += gap
    # registry and its date at the bottom right, the registry's seal printed over them
    gx, gy = W - 900, H - 560
    fr = font(st.body, st.size * 1.1)
    d.text((gx, gy), '登记机关', font=fr, fill=(0, 0, 0))
    c.line_segs(gx - 40, gy + fl.size * 2.6, [p.date('issue_date')], size=st.size * 1.05)
    c.anchors['registry_authority'] = (0, [gx - 120, gy - 200, 600, 420])
    fs = font('sans', pt(8))
    d.text((300, H - 300), '国家企业信用信息公示系统网址：http://www.gsxt.gov.cn', font=fs, fill=(0, 0, 0))
    d.text((300, H - 260), '市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。', font=fs, fill=(0, 0, 0))
    d.text((W - 780, H - 260), '国家市场监督管理总局监制', font=fs, fill=(0, 0, 0))
    nr = np.random.default_rng(r.randrange(1 << 30))
    for s in doc.seals:
        if s.owner == 'registry' and s.present:
            a = round_seal(s.text, nr, 42, serial=serial_number(nr) if r.random() < 0.4 else None)
            col = seal_colour('red', nr)
            composite_center(c.pages[0], a, col, gx + 150 + r.randint(-60, 60), gy + 90 + r.randint(-50, 50))
    c.slots['seal:applicant'] = (0, [400, H - 1000, 1300, 600])
    if doc.variant == 1:
        _to_a4_copy(c, r, grey=doc.opts.get('copy_grey', False))
    return c


def _to_a4_copy(c, r, grey):
    """Photocopy of a landscape original reduced onto the upper part of an A4 sheet."""
    from PIL import Image, ImageOps
    src = c.pages[0]
    scale = r.uniform(0.58, 0.66)
    small = src.resize((int(src.width * scale), int(src.height * scale)), Image.LANCZOS)
    if grey:
        small = ImageOps.grayscale(small).convert('RGB')
    page = Image.new('RGB', A4, (255, 255, 255))
    ox, oy = int((A4[0] - small.width) / 2 + r.randint(-60, 60)), int(r.uniform(180, 420))
    page.paste(small, (ox, oy))
    c.pages[0] = page
    c.d = ImageDraw.Draw(page)
    c.size = A4

    def tr(b):
        return [int(ox + b[0] * scale), int(oy + b[1] * scale), int(b[2] * scale), int(b[3] * scale)]

    c.anchors = {k: (pg, tr(b)) for k, (pg, b) in c.anchors.items()}
    c.slots = {k: (pg, tr(b)) for k, (pg, b) in c.slots.items()}
    c.slots['seal:applicant'] = (0, [int(A4[0] * 0.35), oy + small.height + 80, 900, 500])
    c.copy_scale = scale


def _photo(d, x, y, w, h, r):
    d.rectangle([x, y, x + w, y + h], fill=(214, 222, 230))
    d.ellipse([x + w * 0.3, y + h * 0.12, x + w * 0.7, y + h * 0.58], fill=(150, 150, 155))
    d.ellipse([x + w * 0.1, y + h * 0.62, x + w * 0.9, y + h * 1.3], fill=(120, 120, 128))
    d.rectangle([x, y + h, x + w, y + h + 5], fill=(214, 222, 230))


def _card(c, x, y, r, fill=(245, 248, 244)):
    W, H = 1011, 638
    d = c.d
    d.rounded_rectangle([x, y, x + W, y + H], radius=36, fill=fill, outline=(150, 150, 150), width=3)
    for k in range(7):
        yy = y + 80 + k * 80
        d.arc([x + 30, yy - 40, x + W - 30, yy + 100], 200, 340, fill=(225, 232, 228), width=2)
    return W, H


def _id_card(doc, F, r, spec, person, keys):
    """Front and back of a 居民身份证 on one A4 page."""
    p = P(doc, F, r, spec)
    st = _style(r, doc)
    c = Composer(r, st)
    lab_c = (70, 110, 150)
    fl = font('sans', 31)
    fv = font(r.choice(['sans', 'zenhei', 'microhei']), 42)
    layout = r.choice(['stack', 'stack', 'side'])
    if layout == 'stack':
        fx, fy = int(A4[0] / 2 - 505 + r.randint(-200, 200)), int(r.uniform(250, 500))
        bx, by = fx + r.randint(-60, 60), fy + 638 + r.randint(80, 260)
    else:
        fx, fy = 180 + r.randint(0, 60), int(r.uniform(300, 700))
        bx, by = fx + 1011 + r.randint(40, 120), fy + r.randint(-30, 30)
        if bx + 1011 > A4[0] - 60:
            bx = A4[0] - 1080
    _card(c, fx, fy, r)
    d = c.d
    name_k, id_k, val_k = keys
    rows = [('姓名', [p.v(name_k)]), ('性别', None), ('出生', None), ('住址', None)]
    yy = fy + 70
    d.text((fx + 60, yy + 6), '姓名', font=fl, fill=lab_c)
    c.line_segs(fx + 170, yy, [p.v(name_k)], size=40, name='sans')
    yy += 85
    d.text((fx + 60, yy + 6), '性别', font=fl, fill=lab_c)
    d.text((fx + 170, yy), '男' if person.male else '女', font=fv, fill=(0, 0, 0))
    d.text((fx + 300, yy + 6), '民族', font=fl, fill=lab_c)
    d.text((fx + 400, yy), person.ethnic, font=fv, fill=(0, 0, 0))
    yy += 85
    d.text((fx + 60, yy + 6), '出生', font=fl, fill=lab_c)
    b = person.birth
    x = fx + 170
    for part, unit in [(str(b.year), '年'), (str(b.month), '月'), (str(b.day), '日')]:
        d.text((x, yy), part, font=fv, fill=(0, 0, 0))
        x += fv.getlength(part) + 16
        d.text((x, yy + 6), unit, font=fl, fill=lab_c)
        x += 60
    if 'birth' in spec.fields(doc.type):
        c.anchors['birth'] = (0, [fx + 170, yy, x - fx - 170, 45])
    yy += 85
    d.text((fx + 60, yy + 6), '住址', font=fl, fill=lab_c)
    for ln in c.wrap_text(person.address, fv, 480)[:3]:
        d.text((fx + 170, yy), ln, font=fv, fill=(0, 0, 0))
        yy += 55
    d.text((fx + 60, fy + 638 - 95), '公民身份号码', font=fl, fill=lab_c)
    c.line_segs(fx + 290, fy + 638 - 102, [p.v(id_k)], size=44, name=r.choice(['sans', 'microhei']))
    _photo(d, fx + 690, fy + 80, 260, 330, r)
    # back
    _card(c, bx, by, r)
    _emblem(d, bx + 140, by + 150, 85)
    ft = font('serif_bold', 52)
    d.text((bx + 290, by + 90), '中华人民共和国', font=ft, fill=(0, 0, 0))
    ft2 = font('serif_bold', 76)
    d.text((bx + 290, by + 170), '居 民 身 份 证', font=ft2, fill=(0, 0, 0))
    d.text((bx + 170, by + 430), '签发机关', font=fl, fill=lab_c)
    d.text((bx + 330, by + 424), person.issuer, font=fv, fill=(0, 0, 0))
    d.text((bx + 170, by + 515), '有效期限', font=fl, fill=lab_c)
    p.range_style = 'dot'
    c.line_segs(bx + 330, by + 509, [p.v(val_k)], size=40, name='sans')
    doc.title = '居民身份证'
    # the applicant's seal goes across the two sides or on the back
    if layout == 'stack':
        c.slots['seal:applicant'] = (0, [bx + 420, by - 120, 560, 300])
    else:
        c.slots['seal:applicant'] = (0, [fx + 500, max(fy, by) + 880, 900, 120])
    return c


def legal_rep_id_card(doc, F, r, spec):
    return _id_card(doc, F, r, spec, F.legal_rep, ('legal_rep', 'legal_rep_id', 'legal_rep_id_validity'))


def agent_id_card(doc, F, r, spec):
    return _id_card(doc, F, r, spec, F.agent, ('agent_name', 'agent_id', 'agent_id_validity'))


# ---------------------------------------------------------------------------------------------
# pages that are none of the materials

def unrecognized(doc, F, r, spec):
    kind = doc.opts['kind']
    st = _style(r, doc)
    c = Composer(r, st)
    if kind == 'notice':
        topic = r.choice(['关于调整夏季作息时间的通知', '关于开展消防安全检查的通知', '关于国庆节放假安排的通知', '关于召开年度工作会议的通知'])
        doc.title = topic
        c.space(2)
        c.title(topic)
        c.para('公司各部门：', indent=0)
        c.para('根据工作安排，经公司研究决定，现将有关事项通知如下：')
        items = r.sample(['请各部门负责人做好本部门人员的通知和落实工作，确保各项工作有序开展。',
                          '时间安排：自下周一起执行，具体以行政部安排为准。',
                          '各部门应加强值班值守，遇有突发情况及时向公司报告。',
                          '请全体员工遵守公司规章制度，注意安全。'], r.randint(2, 4))
        for i, it in enumerate(items):
            c.para('%s、%s' % ('一二三四'[i], it))
        c.para('特此通知。')
        c.space(3)
        c.block([[F.company, Slot('seal', 'applicant')], [ids.fmt_date(F.application.isoformat())]], align='right', x1=c.x1 - 100)
    elif kind == 'waybill':
        doc.title = None
        d = c.d
        x0, y0 = 300, 400
        d.rectangle([x0, y0, x0 + 1800, y0 + 1500], outline=(0, 0, 0), width=4)
        d.text((x0 + 40, y0 + 30), r.choice(['顺丰速运', '中通快递', 'EMS 中国邮政速递物流', '圆通速递']), font=font('sans_bold', 70), fill=(0, 0, 0))
        for i in range(60):
            w = r.choice([4, 8, 12])
            xx = x0 + 900 + i * 14
            d.rectangle([xx, y0 + 40, xx + w // 2, y0 + 200], fill=(0, 0, 0))
        d.text((x0 + 1000, y0 + 210), ''.join(r.choice('0123456789') for _ in range(13)), font=font('sans', 40), fill=(0, 0, 0))
        f = font('sans', 46)
        lines = ['收件人：%s  %s' % (F.agent.name, F.agent_phone[:3] + '****' + F.agent_phone[-4:]),
                 '收件地址：%s' % F.address, '寄件人：%s' % r.choice(['王先生', '李女士', '刘经理']),
                 '寄件地址：北京市朝阳区建国路%d号' % r.randint(1, 200), '托寄物：文件', '重量：0.5kg   件数：1']
        yy = y0 + 330
        for ln in lines:
            d.text((x0 + 40, yy), ln, font=f, fill=(0, 0, 0))
            yy += 120
            d.line([(x0, yy - 20), (x0 + 1800, yy - 20)], fill=(0, 0, 0), width=2)
    else:  # a shop receipt photographed on a desk
        doc.title = None
        d = c.d
        x0, w = 800, 880
        d.rectangle([x0, 200, x0 + w, 3000], fill=(250, 250, 246))
        f = font('microhei', 38)
        yy = 260
        shop = r.choice(['物美超市', '家乐福', '7-ELEVEn便利店', '华润万家'])
        for ln in [shop, '欢迎光临', '单号：%d' % r.randint(10 ** 9, 10 ** 10), '-' * 26]:
            d.text((x0 + 40, yy), ln, font=f, fill=(40, 40, 40))
            yy += 60
        total = 0
        for _ in range(r.randint(5, 12)):
            item = r.choice(['矿泉水', '纸巾', '牛奶', '面包', '苹果', '洗衣液', '酸奶', '饼干', '大米5kg'])
            price = r.randint(2, 60) + r.choice([0, 0.5, 0.9])
            total += price
            d.text((x0 + 40, yy), item, font=f, fill=(40, 40, 40))
            d.text((x0 + 600, yy), '%.2f' % price, font=f, fill=(40, 40, 40))
            yy += 60
        for ln in ['-' * 26, '合计：%.2f' % total, '微信支付：%.2f' % total, ids.fmt_date(F.application.isoformat(), 'dash') + ' %02d:%02d' % (r.randint(8, 21), r.randint(0, 59)), '谢谢惠顾，欢迎再次光临']:
            d.text((x0 + 40, yy), ln, font=f, fill=(40, 40, 40))
            yy += 60
    return c


RENDERERS = {
    'business_license': business_license,
    'legal_rep_certificate': legal_rep_certificate,
    'power_of_attorney': power_of_attorney,
    'legal_rep_id_card': legal_rep_id_card,
    'agent_id_card': agent_id_card,
    'credit_commitment_letter': credit_commitment_letter,
    'repair_application_form': repair_application_form,
    'penalty_decision': penalty_decision,
    'fine_payment_receipt': fine_payment_receipt,
    'rectification_report': rectification_report,
    'authority_compliance_proof': authority_compliance_proof,
    'samr_repair_decision': samr_repair_decision,
    'samr_repair_application': samr_repair_application,
    'compliance_commitment_letter': compliance_commitment_letter,
    'serious_list_decision': serious_list_decision,
    'service_address_confirmation': service_address_confirmation,
    'abnormal_list_decision': abnormal_list_decision,
    'annual_report_proof': annual_report_proof,
    'premises_proof': premises_proof,
    'unrecognized': unrecognized,
}

# layouts per material (variant numbers a renderer understands)
VARIANTS = {
    'business_license': 2, 'legal_rep_certificate': 3, 'power_of_attorney': 2, 'legal_rep_id_card': 1,
    'agent_id_card': 1, 'credit_commitment_letter': 3, 'repair_application_form': 2, 'penalty_decision': 1,
    'fine_payment_receipt': 1, 'rectification_report': 2, 'authority_compliance_proof': 1,
    'samr_repair_decision': 1, 'samr_repair_application': 2, 'compliance_commitment_letter': 3,
    'serious_list_decision': 1, 'service_address_confirmation': 1, 'abnormal_list_decision': 1,
    'annual_report_proof': 1, 'premises_proof': 2, 'unrecognized': 1,
}
