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
from .page import A4, Composer, Slot, Style, V

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
    box = [['%s %s' % ('☑' if o == chosen else '☐', o)] for o in opts]
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
        [('L', '电子送达', 0.25), ('T', '☑ 同意    ☐ 不同意', 0.75)],
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
