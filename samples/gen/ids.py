"""Identifiers with check characters, dates, amounts and decision numbers.

USCC: GB 32100-2015 (weights 3^i mod 31 over a 31-character set), with a GB 11714
organisation code inside (weights 3 7 9 10 5 8 4 2, mod 11). ID numbers: GB 11643,
ISO 7064 MOD 11-2. All functions take an explicit random.Random so a seed reproduces them.
"""
import calendar
import datetime as dt

USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_W = [3, 7, 9, 10, 5, 8, 4, 2]
ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_MAP = '10X98765432'


def uscc_check(first17):
    s = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_W))
    return USCC_CHARS[(31 - s % 31) % 31]


def uscc_valid(code):
    return len(code) == 18 and all(c in USCC_CHARS for c in code) and uscc_check(code[:17]) == code[17]


def _org_value(c):
    return int(c) if c.isdigit() else ord(c) - 55


def org_check(first8):
    s = sum(_org_value(c) * w for c, w in zip(first8, ORG_W))
    c = 11 - s % 11
    return 'X' if c == 10 else ('0' if c == 11 else str(c))


def make_uscc(r, region):
    """A company USCC (91 + region + org code) valid under both check characters."""
    while True:
        if r.random() < 0.55:
            body = 'MA0' + ''.join(r.choice('0123456789ABCDEFGHJKLMNPQRTUWXY') for _ in range(5))
        else:
            body = ''.join(r.choice('0123456789') for _ in range(8))
        oc = org_check(body)
        first17 = '91' + region + body + oc
        if all(c in USCC_CHARS for c in first17):
            return first17 + uscc_check(first17)


def corrupt_check_char(code, r, alphabet):
    """Same code with a wrong check character."""
    good = code[-1]
    bad = r.choice([c for c in alphabet if c != good])
    return code[:-1] + bad


def id_check(first17):
    return ID_MAP[sum(int(c) * w for c, w in zip(first17, ID_W)) % 11]


def id_valid(code):
    return len(code) == 18 and code[:17].isdigit() and id_check(code[:17]) == code[17]


def make_id(r, region, birth, male):
    seq = r.randrange(0, 99) * 10 + (r.choice([1, 3, 5, 7, 9]) if male else r.choice([0, 2, 4, 6, 8]))
    first17 = '%s%s%03d' % (region, birth.strftime('%Y%m%d'), seq)
    return first17 + id_check(first17)


def add_months(d, n):
    """Calendar-month addition, clamped at month end (11-30 + 3 -> 02-28)."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def iso(d):
    return d.isoformat() if isinstance(d, dt.date) else d


CN_DIGITS = '〇一二三四五六七八九'


def cn_number(n):
    if n < 10:
        return '一二三四五六七八九'[n - 1] if n else '〇'
    t, u = divmod(n, 10)
    return ('' if t == 1 else CN_DIGITS[t]) + '十' + (CN_DIGITS[u] if u else '')


def fmt_date(value, style='cn'):
    """Print an ISO date string (possibly an impossible one such as 2025-02-30)."""
    if not value:
        return ''
    y, m, d = (int(x) for x in value.split('-'))
    if style == 'cn':
        return '%d年%d月%d日' % (y, m, d)
    if style == 'cn0':
        return '%d年%02d月%02d日' % (y, m, d)
    if style == 'cnsp':
        return '%d 年 %d 月 %d 日' % (y, m, d)
    if style == 'dot':
        return '%d.%02d.%02d' % (y, m, d)
    if style == 'dash':
        return '%d-%02d-%02d' % (y, m, d)
    if style == 'slash':
        return '%d/%d/%d' % (y, m, d)
    if style == 'hanzi':
        return ''.join(CN_DIGITS[int(c)] for c in str(y)) + '年' + cn_number(m) + '月' + cn_number(d) + '日'
    raise ValueError(style)


def fmt_range(value, style='cn'):
    if not value:
        return ''
    a, b = value.split('/')
    if style == 'dot':
        return fmt_date(a, 'dot') + '-' + (b if b == '长期' else fmt_date(b, 'dot'))
    if style == 'qizhi':
        return '自' + fmt_date(a) + '起至' + (b if b == '长期' else fmt_date(b)) + '止'
    return fmt_date(a, style) + '至' + (b if b == '长期' else fmt_date(b, style))


UPPER_DIGITS = '零壹贰叁肆伍陆柒捌玖'


def amount_upper(value):
    """'82000.00' -> '捌万贰仟元整'."""
    yuan, jiao_fen = value.split('.')
    n = int(yuan)
    units = ['', '拾', '佰', '仟']
    big = ['', '万', '亿']

    def four(x):
        s, zero = '', False
        for i in range(3, -1, -1):
            dgt = x // (10 ** i) % 10
            if dgt == 0:
                zero = bool(s)
            else:
                if zero:
                    s += '零'
                    zero = False
                s += UPPER_DIGITS[dgt] + units[i]
        return s

    parts, k, out = [], 0, ''
    while n > 0:
        parts.append(n % 10000)
        n //= 10000
    need_zero = False
    for k in range(len(parts) - 1, -1, -1):
        p = parts[k]
        if p == 0:
            need_zero = bool(out)
            continue
        if need_zero or (out and p < 1000):
            out += '零'
        out += four(p) + big[k]
        need_zero = False
    out = (out or '零') + '元'
    j, f = int(jiao_fen[0]), int(jiao_fen[1])
    if j == 0 and f == 0:
        return out + '整'
    if j:
        out += UPPER_DIGITS[j] + '角'
    if f:
        out += UPPER_DIGITS[f] + '分'
    return out


def fmt_amount(value, style):
    """Print a normalised amount ('50000.00')."""
    if not value:
        return ''
    yuan = int(float(value))
    if style == 'plain':
        return value
    if style == 'yuan':
        return '%d元' % yuan
    if style == 'comma':
        return '{:,.2f}'.format(float(value))
    if style == 'yen':
        return '¥' + value
    if style == 'rmb':
        return '人民币%s元' % value
    if style == 'wan' and yuan % 10000 == 0:
        return '%d万元' % (yuan // 10000)
    if style == 'upper':
        return amount_upper(value)
    return '%d元' % yuan


def fmt_docno(value, r, official=True):
    """Print a canonical decision number, with the variants applicants write."""
    if official or r.random() < 0.55:
        return value
    i, j = value.index('〔'), value.index('〕')
    prefix, year, rest = value[:i], value[i + 1:j], value[j + 1:]
    seq = rest[:-1]
    br = r.choice([('[', ']'), ('（', '）'), ('【', '】'), ('〔', '〕')])
    if r.random() < 0.4:
        seq = '第' + seq
    elif r.random() < 0.3:
        seq = seq.zfill(3)
    return prefix + br[0] + year + br[1] + seq + '号'
