"""Planning a submission: which materials, what each prints, its seals and signatures,
how it was captured and what its file is called."""
import datetime as dt

from . import data, ids
from .model import Doc, SealSpec, SigSpec

DOMAIN_NAMES = {'admin_penalty': '行政处罚信息信用修复', 'serious_list': '严重失信主体名单信用修复',
                'abnormal_list': '经营异常名录信用修复'}

FILE_STEMS = {
    'business_license': ['营业执照', '营业执照副本', '营业执照复印件', 'license', '执照'],
    'legal_rep_certificate': ['法人证明', '法定代表人身份证明书', '法定代表人证明'],
    'power_of_attorney': ['委托书', '授权委托书', '委托书盖章版'],
    'legal_rep_id_card': ['法人身份证', '法定代表人身份证', '身份证复印件'],
    'agent_id_card': ['经办人身份证', '代理人身份证', '受托人身份证'],
    'credit_commitment_letter': ['承诺书', '信用承诺', '信用修复承诺书'],
    'repair_application_form': ['申请表', '修复申请表', '信用修复申请表'],
    'penalty_decision': ['处罚决定书', '行政处罚决定书', '决定书'],
    'fine_payment_receipt': ['缴款书', '罚款收据', '缴款凭证', '罚款缴纳凭证'],
    'rectification_report': ['整改报告', '整改情况说明'],
    'authority_compliance_proof': ['履行证明', '复查意见书', '履行完毕证明'],
    'samr_repair_decision': ['准予修复决定书', '修复决定'],
    'samr_repair_application': ['修复申请', '信用修复申请书', '申请书'],
    'compliance_commitment_letter': ['守信承诺书', '信用承诺', '承诺书'],
    'serious_list_decision': ['列入严重违法失信名单决定书', '列严决定书'],
    'service_address_confirmation': ['送达地址确认书', '地址确认'],
    'abnormal_list_decision': ['列入经营异常名录决定书', '异常名录决定书'],
    'annual_report_proof': ['年报公示截图', '年报公示', '年度报告公示情况'],
    'premises_proof': ['住所证明', '场所使用证明', '住所使用证明'],
    'unrecognized': ['其他', '附件', '补充材料', '图片'],
}


COPY_TYPES = ('business_license', 'legal_rep_id_card', 'agent_id_card', 'penalty_decision', 'serious_list_decision',
              'abnormal_list_decision')


def choose_materials(r, F):
    d = F.domain
    auth = r.choices([['legal_rep_certificate'], ['power_of_attorney', 'agent_id_card'],
                      ['legal_rep_certificate', 'power_of_attorney', 'agent_id_card']], [5, 4, 1])[0]
    if d == 'admin_penalty':
        mats = ['business_license', 'legal_rep_id_card', 'credit_commitment_letter', 'penalty_decision'] + auth
        mats += r.choices([['fine_payment_receipt'], ['repair_application_form', 'fine_payment_receipt'],
                           ['authority_compliance_proof', 'fine_payment_receipt'], ['repair_application_form']], [5, 3, 1, 1])[0]
        if r.random() < 0.25:
            mats.append('rectification_report')
        if F.auth_kind == 'market' and r.random() < 0.1:
            mats.append('samr_repair_decision')
    elif d == 'serious_list':
        mats = ['business_license', 'legal_rep_id_card', 'samr_repair_application', 'compliance_commitment_letter',
                'serious_list_decision'] + auth
        mats += r.choices([['fine_payment_receipt'], ['fine_payment_receipt', 'rectification_report'],
                           ['authority_compliance_proof'], ['rectification_report']], [5, 3, 2, 1])[0]
        if r.random() < 0.4:
            mats.append('penalty_decision')
        if r.random() < 0.35:
            mats.append('service_address_confirmation')
    else:
        mats = ['business_license', 'legal_rep_id_card', 'samr_repair_application', 'compliance_commitment_letter',
                'abnormal_list_decision'] + auth
        mats.append('annual_report_proof' if F.abnormal_kind == 'annual' else 'premises_proof')
    return mats


def fields_for(m, F, r):
    A = F.application
    sd = F.sign_date
    if m == 'business_license':
        return dict(uscc=F.uscc, company_name=F.company, company_type=F.company_type, legal_rep=F.legal_rep.name,
                    capital=F.capital, founded=F.founded.isoformat(), business_term=F.business_term,
                    registered_address=F.address, registry_authority=F.registry, issue_date=F.licence_issue.isoformat())
    if m == 'legal_rep_certificate':
        return dict(company_name=F.company, uscc=F.uscc, legal_rep=F.legal_rep.name, position=F.position,
                    legal_rep_id=F.legal_rep.id, sign_date=sd(r, (0, 20)))
    if m == 'power_of_attorney':
        s = sd(r, (0, 10))
        sdt = dt.date.fromisoformat(s)
        end = r.choice([ids.add_months(sdt, 6), ids.add_months(sdt, 12), dt.date(sdt.year, 12, 31), ids.add_months(sdt, 3)])
        if end <= F.as_of + dt.timedelta(days=20):
            end = ids.add_months(sdt, 12)
        matter = '办理本单位%s申请事宜，包括提交、补正申请材料及领取相关文书' % DOMAIN_NAMES[F.domain]
        return dict(company_name=F.company, uscc=F.uscc, legal_rep=F.legal_rep.name, agent_name=F.agent.name,
                    agent_id=F.agent.id, agent_phone=F.agent_phone, entrusted_matter=matter,
                    attorney_term='%s/%s' % (s, end.isoformat()), sign_date=s)
    if m == 'legal_rep_id_card':
        return dict(legal_rep=F.legal_rep.name, legal_rep_id=F.legal_rep.id, birth=F.legal_rep.birth.isoformat(),
                    legal_rep_id_validity=F.legal_rep.validity)
    if m == 'agent_id_card':
        return dict(agent_name=F.agent.name, agent_id=F.agent.id, agent_id_validity=F.agent.validity)
    if m == 'credit_commitment_letter':
        return dict(company_name=F.company, uscc=F.uscc, legal_rep=F.legal_rep.name, decision_no=F.decision_no,
                    sign_date=sd(r, (0, 8)))
    if m == 'repair_application_form':
        if r.random() < 0.5:
            perf = '已于%s足额缴纳罚款%d元，违法行为已整改完毕。' % (ids.fmt_date(F.paid.isoformat()), int(float(F.fine)))
        else:
            perf = '罚款%d元已于%s缴清，已按要求完成整改。' % (int(float(F.fine)), ids.fmt_date(F.paid.isoformat()))
        return dict(company_name=F.company, uscc=F.uscc, legal_rep=F.legal_rep.name, contact=F.contact, phone=F.phone,
                    decision_no=F.decision_no, penalty_date=F.penalty.isoformat(), authority=F.authority,
                    fine_amount=F.fine, performance=perf,
                    authority_opinion=r.choice(['经核查，该单位已履行行政处罚决定规定的义务，同意信用修复。',
                                                '情况属实，当事人已履行完毕处罚决定，同意修复。',
                                                '经审核，该主体已纠正违法行为并缴清罚款，同意申请。']),
                    opinion_date=F.opinion.isoformat(), sign_date=A.isoformat())
    if m == 'penalty_decision':
        return dict(decision_no=F.decision_no, company_name=F.company, uscc=F.uscc, legal_rep=F.legal_rep.name,
                    fine_amount=F.fine, authority=F.authority, penalty_date=F.penalty.isoformat())
    if m == 'fine_payment_receipt':
        return dict(paid_date=F.paid.isoformat(), company_name=F.company, decision_no=F.decision_no,
                    paid_amount=F.fine, paid_amount_upper=ids.amount_upper(F.fine), bank=F.bank)
    if m == 'rectification_report':
        s = max(dt.date.fromisoformat(sd(r, (3, 30))), F.done + dt.timedelta(days=1))
        return dict(company_name=F.company, decision_no=F.decision_no, measures=F.measures,
                    done_date=F.done.isoformat(), sign_date=min(s, A).isoformat())
    if m == 'authority_compliance_proof':
        return dict(company_name=F.company, decision_no=F.decision_no,
                    conclusion=r.choice(['已按要求完成整改，罚款已缴清，符合要求。', '整改到位，履行完毕，同意出具本证明。']),
                    authority=F.authority, sign_date=F.proof_date.isoformat())
    if m == 'samr_repair_decision':
        return dict(repair_no=F.repair_no, company_name=F.company, uscc=F.uscc, original_no=F.decision_no,
                    repair_authority=F.market_authority, sign_date=F.repair_date.isoformat())
    if m == 'samr_repair_application':
        if F.domain == 'serious_list':
            reason = '本单位已履行行政处罚决定规定的义务，纠正了违法行为，被列入严重违法失信名单已满一年，申请提前移出。'
        elif F.abnormal_kind == 'annual':
            reason = '本单位已补报%s年度报告并公示，申请移出经营异常名录。' % F.report_year
        else:
            reason = '本单位已取得住所使用证明，可以通过登记的住所取得联系，申请移出经营异常名录。'
        return dict(company_name=F.company, uscc=F.uscc, legal_rep=F.legal_rep.name, phone=F.phone, matter=F.matter,
                    listing_no=F.listing_no, listing_date=F.listing.isoformat(), reason=reason, sign_date=A.isoformat())
    if m == 'compliance_commitment_letter':
        return dict(company_name=F.company, uscc=F.uscc, sign_date=sd(r, (0, 8)))
    if m == 'serious_list_decision':
        return dict(listing_no=F.listing_no, company_name=F.company, uscc=F.uscc, decision_no=F.decision_no,
                    listing_authority=F.market_authority, listing_date=F.listing.isoformat())
    if m == 'service_address_confirmation':
        return dict(company_name=F.company, service_address=F.address, contact=F.contact, phone=F.phone,
                    sign_date=sd(r, (0, 10)))
    if m == 'abnormal_list_decision':
        return dict(listing_no=F.listing_no, company_name=F.company, uscc=F.uscc, listing_reason=F.listing_reason,
                    listing_authority=F.market_authority, listing_date=F.listing.isoformat())
    if m == 'annual_report_proof':
        return dict(company_name=F.company, uscc=F.uscc, report_year=F.report_year, published=F.published.isoformat())
    if m == 'premises_proof':
        ls = dt.date.fromisoformat(F.lease_term.split('/')[0])
        s = max(ls, dt.date.fromisoformat(sd(r, (2, 40))))
        return dict(premises_address=F.premises_address, lessor=F.lessor, company_name=F.company,
                    lease_term=F.lease_term, sign_date=s.isoformat())
    raise KeyError(m)


def seal_text(owner, doc, F):
    if owner == 'applicant':
        return F.company
    if owner == 'authority':
        for k in ('authority', 'listing_authority', 'repair_authority'):
            if doc.fields.get(k):
                return doc.fields[k]
        return F.authority
    if owner == 'bank':
        return F.bank
    if owner == 'registry':
        return F.registry
    if owner == 'lessor':
        return F.lessor
    raise KeyError(owner)


def make_doc(m, F, r, spec, seeds):
    doc = Doc(m, fields_for(m, F, r))
    doc.title = r.choice(spec.titles(m))
    for s in spec.seals(m):
        owner = s['owner']
        if owner == 'lessor' and not F.lessor_is_company:
            if r.random() < 0.35:
                ss = SealSpec('lessor', F.lessor, shape='square')
                doc.seals.append(ss)
            continue
        shape = 'oval' if owner == 'bank' else 'round'
        ss = SealSpec(owner, seal_text(owner, doc, F), shape=shape,
                      lower_text=r.choice(['收讫', '转讫']) if owner == 'bank' else '')
        if owner == 'bank':
            ss.opts_date = ids.fmt_date(doc.fields['paid_date'], 'dot')
        doc.seals.append(ss)
    for g in spec.signatures(m):
        role = g['role']
        if role == 'lessor':
            if F.lessor_is_company:
                continue
            doc.sigs.append(SigSpec('lessor', seeds['lessor'], F.lessor))
        elif role == 'agent':
            doc.sigs.append(SigSpec('agent', seeds['agent'], F.agent.name))
        else:
            doc.sigs.append(SigSpec('legal_rep', seeds['legal_rep'], F.legal_rep.name))
    return doc


# --------------------------------------------------------------------------------------------
# capture and files

def choose_capture(doc, r, profile, compact=False):
    """Sets doc.capture, doc.copy, doc.format and rendering options for the profile."""
    multi = doc.type == 'penalty_decision'
    copy_like = doc.type in ('business_license', 'legal_rep_id_card', 'agent_id_card', 'penalty_decision',
                             'serious_list_decision', 'abnormal_list_decision')
    cap, copy = [], 'colour'
    if profile == 'mixed':
        profile = r.choices(['clean', 'photocopy', 'phone', 'lowq'], [5, 3, 2, 1])[0]
    if profile == 'clean':
        if r.random() < 0.45:
            cap.append('skew')
            doc.opts['max_skew'] = 1.5
        if copy_like and r.random() < 0.3:
            cap.append('photocopy')           # copied, then stamped and scanned in colour
        fmt = r.choices(['jpg', 'png', 'pdf', 'tif'], [5, 2, 3, 1])[0]
    elif profile == 'photocopy':
        cap.append('photocopy')
        copy = 'bw' if r.random() < 0.7 else 'colour'
        if r.random() < 0.6:
            cap.append(r.choice(['dpi200', 'dpi200', 'dpi150']))
        if r.random() < 0.7:
            cap.append('skew')
        if r.random() < 0.4:
            cap.append('noise')
        fmt = r.choices(['jpg', 'png', 'pdf', 'tif'], [3, 3, 3, 2])[0]
    elif profile == 'phone':
        cap.append('phone')
        fmt = 'jpg'
    else:  # lowq
        cap += ['jpeg_q', 'noise']
        if r.random() < 0.5:
            cap.append('dpi150')
        if r.random() < 0.6:
            cap.append('skew')
        fmt = 'jpg'
    if profile != 'clean' and r.random() < 0.05 and 'phone' not in cap:
        cap.append('rotated')
        doc.opts['rotation'] = r.choice([90, 180, 270])
    if multi and fmt not in ('pdf', 'tif'):
        fmt = r.choice(['pdf', 'tif'])
    if compact:
        # small files: mostly PNG (grey, or indexed colour), some JPEG; PDF/TIFF pages indexed
        if 'photocopy' in cap and copy == 'colour':
            cap.remove('photocopy')
        if doc.type in COPY_TYPES and r.random() < 0.5:
            copy = 'bw'
        fmt = r.choices(['png', 'jpg', 'pdf', 'tif'], [6, 2, 2, 1])[0] if not multi else r.choice(['pdf', 'tif'])
    order = ['photocopy', 'dpi200', 'dpi150', 'skew', 'noise', 'phone', 'jpeg_q', 'rotated']
    doc.capture = [c for c in order if c in cap]
    doc.copy = copy
    doc.format = fmt


def file_name(doc, r, F, used, counter):
    stem_kind = r.choices(['cn', 'camscanner', 'img', 'scan', 'doc', 'wechat'], [6, 2, 2, 2, 1, 1])[0]
    if 'phone' in doc.capture and doc.format in ('pdf', 'tif'):
        # photos of a material of several pages are sent as one PDF, as a scanner app makes it
        stem_kind = 'camscanner'
        doc.format = 'pdf'
    elif 'phone' in doc.capture:
        stem_kind = r.choice(['img', 'wechat', 'img'])
        doc.format = 'jpg'
    elif stem_kind == 'img' or (stem_kind == 'wechat' and doc.format != 'jpg'):
        stem_kind = 'cn'
    t = F.application - dt.timedelta(days=r.randint(0, 6))
    hh, mm, ss = r.randint(8, 19), r.randint(0, 59), r.randint(0, 59)
    if stem_kind == 'cn':
        stem = r.choice(FILE_STEMS[doc.type])
    elif stem_kind == 'camscanner':
        stem = 'CamScanner %02d-%02d-%d %02d.%02d' % (t.month, t.day, t.year, hh, mm)
    elif stem_kind == 'img':
        stem = 'IMG_%s_%02d%02d%02d' % (t.strftime('%Y%m%d'), hh, mm, ss)
    elif stem_kind == 'scan':
        stem = 'scan_%03d' % counter
    elif stem_kind == 'doc':
        stem = 'doc%d' % counter
    else:
        stem = '微信图片_%s%02d%02d%02d' % (t.strftime('%Y%m%d'), hh, mm, ss)
    name = '%s.%s' % (stem, doc.format)
    k = 2
    while name in used:
        name = '%s(%d).%s' % (stem, k, doc.format)
        k += 1
    used.add(name)
    return name
