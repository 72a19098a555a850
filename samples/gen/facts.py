"""The facts behind one submission: one company, its people, one case, one timeline.

Every material of the submission prints its fields from these facts, so that a clean
submission is consistent across documents; defects are injected afterwards by changing what
one document prints.
"""
import datetime as dt

from . import data, ids


class Person:
    def __init__(self, name, male, idno, birth, validity, address, issuer, ethnic='汉'):
        self.name, self.male, self.id, self.birth = name, male, idno, birth
        self.validity, self.address, self.issuer, self.ethnic = validity, address, issuer, ethnic


def person_name(r):
    male = r.random() < 0.62
    sur = r.choice(data.SURNAMES2) if r.random() < 0.03 else r.choice(data.SURNAMES)
    pool = data.GIVEN_M if male else data.GIVEN_F
    given = r.choice(pool) + (r.choice(pool) if r.random() < 0.7 else '')
    return sur + given, male


def address(r, dist):
    short, full, code, streets, roads = dist
    street = r.choice(streets)
    road = r.choice(roads)
    a = '天津市%s%s%s%d号' % (full, street, road, r.randint(1, 399))
    if r.random() < 0.6:
        a += r.choice(['%d-%d-%d' % (r.randint(1, 12), r.randint(1, 4), r.randint(1, 18) * 100 + r.randint(1, 4)),
                       '%s座%d层' % (r.choice('ABCD'), r.randint(2, 25)), '%d号楼%d室' % (r.randint(1, 9), r.randint(101, 1802))])
    return a


def id_validity(r, birth, as_of, expired=False):
    """Issue date and validity range consistent with the holder's age (居民身份证法 Art. 5)."""
    for _ in range(200):
        if expired:
            end = as_of - dt.timedelta(days=r.randint(20, 500))
            years = r.choice([10, 20])
            start = ids.add_years(end, -years)
        else:
            start = as_of - dt.timedelta(days=r.randint(200, 19 * 365))
        age = (start - birth).days / 365.25
        if age < 16:
            continue
        if expired:
            if (years == 10 and 16 <= age < 26) or (years == 20 and 26 <= age < 46):
                return '%s/%s' % (start.isoformat(), end.isoformat())
            continue
        if age >= 46:
            return '%s/长期' % start.isoformat()
        years = 10 if age < 26 else 20
        end = ids.add_years(start, years)
        if end > as_of + dt.timedelta(days=60):
            return '%s/%s' % (start.isoformat(), end.isoformat())
    raise RuntimeError('no validity')


def make_person(r, as_of, dist=None, expired=False, min_age=24, max_age=62):
    name, male = person_name(r)
    if expired:
        # an expired 10-year card means a holder now about 27-37, a 20-year card 47-67
        min_age, max_age = r.choice([(29, 35), (49, 62)])
    birth = as_of - dt.timedelta(days=r.randint(min_age * 365, max_age * 365))
    region = dist[2] if dist and r.random() < 0.6 else r.choice(data.ID_REGIONS)
    idno = ids.make_id(r, region, birth, male)
    d = dist or r.choice(data.DISTRICTS)
    return Person(name, male, idno, birth, id_validity(r, birth, as_of, expired), address(r, d),
                  '天津市公安局%s分局' % d[1], r.choice(['汉'] * 12 + ['回', '满', '蒙古']))


def company_name(r, dist, industry):
    w = r.choice(data.WORDS)
    form = r.choice(['天津{w}{i}有限公司', '天津市{w}{i}有限公司', '天津市{dn}{w}{i}有限公司',
                     '天津{w}{i}有限责任公司', '{w}（天津）{i}有限公司', '天津{w}{i}股份有限公司'])
    return form.format(w=w, i=industry, dn=dist[1])


def rand_date(r, a, b):
    """Uniform date in [a, b]."""
    if b < a:
        b = a
    return a + dt.timedelta(days=r.randint(0, (b - a).days))


def weekday_after(d):
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


class Facts:
    """All values of one submission, normalised as report.md defines them."""

    def __init__(self, r, domain, as_of, severity='general', tweaks=()):
        self.domain, self.as_of, self.severity = domain, as_of, severity
        dist = r.choice(data.DISTRICTS)
        self.dist = dist
        short, full = dist[0], dist[1]
        ind, scope = r.choice(data.INDUSTRIES)
        self.company = company_name(r, dist, ind)
        self.scope = scope + '。（依法须经批准的项目，经相关部门批准后方可开展经营活动）'
        self.uscc = ids.make_uscc(r, dist[2])
        self.company_type = r.choice(data.COMPANY_TYPES)
        if '股份' in self.company:
            self.company_type = '股份有限公司（非上市、自然人投资或控股）'
        self.capital = r.choice(data.CAPITALS)
        self.founded = rand_date(r, dt.date(2003, 1, 1), dt.date(2020, 12, 31))
        years = 30 if self.founded.year < 2010 else r.choice([20, 30])
        self.business_term = '%s/%s' % (self.founded.isoformat(), '长期' if r.random() < 0.6 else
                                        (ids.add_years(self.founded, years) - dt.timedelta(days=1)).isoformat())
        self.address = address(r, dist)
        self.registry = r.choice(['天津市%s市场监督管理局', '天津市%s行政审批局']) % full
        self.licence_issue = rand_date(r, self.founded, min(as_of - dt.timedelta(days=500), dt.date(2024, 1, 1)))
        if self.licence_issue < self.founded:
            self.licence_issue = self.founded
        self.legal_rep = make_person(r, as_of, dist, expired='rep_id_expired' in tweaks, min_age=28)
        self.position = r.choice(data.POSITIONS)
        self.agent = make_person(r, as_of, dist, expired='agent_id_expired' in tweaks, min_age=22, max_age=55)
        while self.agent.name == self.legal_rep.name:
            self.agent = make_person(r, as_of, dist, min_age=22, max_age=55)
        self.agent_phone = '1' + r.choice('35789') + ''.join(r.choice('0123456789') for _ in range(9))
        cname, cmale = person_name(r)
        self.contact = r.choice([self.agent.name, self.legal_rep.name, cname])
        self.phone = r.choice(['022-%d' % r.randint(23000000, 88999999),
                               '1' + r.choice('3578') + ''.join(r.choice('0123456789') for _ in range(9))])
        self.bank = r.choice(data.BANKS).format(d=short if short != '滨海' else '滨海新区')

        # case and authority
        kind = r.choices(['market', 'safety', 'env', 'city'], [6, 2, 2, 1])[0]
        if domain != 'admin_penalty':
            kind = 'market'
        self.auth_kind = kind
        a = data.AUTHORITIES[kind]
        self.authority = a['name'].format(dn=full)
        self.market_authority = '天津市%s市场监督管理局' % full
        self.case = r.choice(a['cases'])
        self.fine = '%d.00' % r.choice([2000, 5000, 8000, 10000, 20000, 30000, 50000, 82000, 100000, 150000, 200000])

        # timeline
        A = as_of
        self.application = weekday_after(A - dt.timedelta(days=r.randint(2, 25)))
        if self.application > A:
            self.application = A - dt.timedelta(days=r.randint(2, 5))
        sev_min = {'general': 3, 'serious': 12}[severity]
        sev_max = {'general': 12, 'serious': 36}[severity]
        if domain == 'admin_penalty':
            if 'publicity_short' in tweaks:
                lo = ids.add_months(A, -sev_min) + dt.timedelta(days=10)
                hi = A - dt.timedelta(days=45)
            else:
                lo = ids.add_months(A, -sev_max) + dt.timedelta(days=40)
                hi = ids.add_months(A, -sev_min) - dt.timedelta(days=20)
            self.penalty = weekday_after(rand_date(r, lo, hi))
            if self.penalty > hi:
                self.penalty = hi
        elif domain == 'serious_list':
            if 'publicity_short' in tweaks:
                self.listing = weekday_after(rand_date(r, A - dt.timedelta(days=330), A - dt.timedelta(days=120)))
            else:
                self.listing = weekday_after(rand_date(r, ids.add_months(A, -30), ids.add_months(A, -13)))
            self.penalty = weekday_after(self.listing - dt.timedelta(days=r.randint(20, 80)))
        else:
            self.listing = weekday_after(rand_date(r, ids.add_months(A, -26), A - dt.timedelta(days=60)))
            self.penalty = weekday_after(self.listing - dt.timedelta(days=r.randint(20, 80)))
        P = self.penalty
        self.year = P.year
        self.decision_no = r.choice(a['docno']).format(d=short, y=P.year, n=r.randint(3, 420))
        self.inspection = P - dt.timedelta(days=r.randint(25, 90))
        self.paid = P + dt.timedelta(days=r.randint(1, 14))
        if self.paid > self.application:
            self.paid = P
        self.done = rand_date(r, P + dt.timedelta(days=5), min(P + dt.timedelta(days=60), self.application))
        self.proof_date = weekday_after(rand_date(r, max(self.paid, self.done), self.application - dt.timedelta(days=1)))
        if self.proof_date >= self.application:
            self.proof_date = self.application - dt.timedelta(days=1)
        self.opinion = self.proof_date
        self.repair_date = self.proof_date
        self.repair_no = '津%s市监信修〔%d〕%d号' % (short, self.repair_date.year, r.randint(2, 160))
        if domain != 'admin_penalty':
            L = self.listing
            if domain == 'serious_list':
                self.listing_no = r.choice(['津%s市监严列〔%d〕%d号', '津%s市监严违〔%d〕%d号']) % (short, L.year, r.randint(2, 90))
                self.listing_reason = '因%s受到较重行政处罚，依据《市场监督管理严重违法失信名单管理办法》第二条' % self.case[0]
                self.matter = '提前移出严重违法失信名单'
            else:
                self.abnormal_kind = r.choice(['annual', 'premises'])
                self.listing_no = r.choice(['津%s市监异〔%d〕%d号', '津%s市监经异字〔%d〕%d号', '津%s市监列异〔%d〕%d号']) % (short, L.year, r.randint(20, 900))
                if self.abnormal_kind == 'annual':
                    self.report_year = str(L.year - 1 if L.month >= 7 else L.year - 2)
                    self.listing_reason = '未按照《企业信息公示暂行条例》第八条规定的期限公示%s年度报告' % self.report_year
                    self.published = rand_date(r, L + dt.timedelta(days=10), self.application - dt.timedelta(days=5))
                else:
                    self.listing_reason = '通过登记的住所或者经营场所无法联系'
                self.matter = '移出经营异常名录'
            self.done = rand_date(r, L + dt.timedelta(days=5), self.application - dt.timedelta(days=3)) if domain == 'abnormal_list' else self.done
        # premises (abnormal list) and lessor
        self.premises_address = self.address
        if r.random() < 0.5:
            self.lessor = company_name(r, r.choice(data.DISTRICTS), r.choice(['物业管理', '置业', '资产管理', '实业']))
            self.lessor_is_company = True
        else:
            self.lessor = person_name(r)[0]
            self.lessor_is_company = False
        ls = rand_date(r, A - dt.timedelta(days=500), A - dt.timedelta(days=40))
        self.lease_term = '%s/%s' % (ls.isoformat(), (ids.add_years(ls, r.choice([2, 3, 5])) - dt.timedelta(days=1)).isoformat())
        self.measures = r.choice(data.MEASURES)

    def sign_date(self, r, back=(0, 12)):
        """An applicant signing date on or before the application date, after the proofs."""
        d = self.application - dt.timedelta(days=r.randint(*back))
        floor = getattr(self, 'proof_date', self.penalty)
        return max(d, min(floor + dt.timedelta(days=1), self.application)).isoformat()
