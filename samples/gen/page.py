"""A small page composer: A4 pages at 300 dpi with titles, paragraphs, inline forms, ruled
tables and signature blocks. It records where each field value, signature line and seal
place ended up (`anchors`, `slots`) so seals and handwriting can be laid over them later.

Text is a list of segments: a plain string, or a `V(key, text)` value that may be drawn
underlined (a filled-in blank) or left for the hand (`hand` keys are drawn by a Writer later).
"""
from PIL import Image, ImageDraw

from .fonts import font, pt

A4 = (2480, 3508)
NO_LINE_START = set('，。、；：？！）》」』”’%.,;:)')


class V:
    """A field value inside text."""

    def __init__(self, key, text, underline=False, min_w=0, hand=False, piece=False):
        self.key, self.text, self.underline, self.min_w, self.hand = key, text, underline, min_w, hand
        self.piece = piece


class Slot:
    """A place for a signature (width reserved) or a seal (centred on the text)."""

    def __init__(self, kind, name, width=380):
        self.kind, self.name, self.width = kind, name, width


class Box:
    """A printed check box, ticked or not."""

    def __init__(self, checked):
        self.checked = checked


class Style:
    def __init__(self, r, body=None, size_pt=None):
        from .fonts import BODY_FONTS, BODY_WEIGHTS, TITLE_FONTS
        self.body = body or r.choices(BODY_FONTS, BODY_WEIGHTS)[0]
        self.title = TITLE_FONTS[self.body] if r.random() < 0.85 else r.choice(['serif_bold', 'sans_bold', 'zenhei'])
        self.size = pt(size_pt or r.choice([10.5, 11, 12, 12, 12, 13, 14]))
        if self.body in ('ming', 'kai') and self.size < pt(12):
            self.size = pt(12)  # the thin Arphic faces need the larger sizes to survive a scan
        self.title_size = pt(r.choice([16, 18, 18, 20, 22]))
        self.line = r.uniform(1.55, 1.95)
        self.margin_l = int(r.uniform(250, 330))
        self.margin_r = int(r.uniform(230, 310))
        self.margin_t = int(r.uniform(240, 340))
        self.margin_b = int(r.uniform(260, 340))
        self.ink = (0, 0, 0) if r.random() < 0.7 else (r.randint(10, 40),) * 3
        self.rule = r.choice([2, 3, 3, 4])
        self.shade = r.random() < 0.25
        self.label_align = r.choice(['center', 'center', 'left'])
        self.date_style = r.choices(['cn', 'cn0', 'cnsp'], [6, 2, 1])[0]


class Composer:
    def __init__(self, r, style, size=A4):
        self.r, self.s, self.size = r, style, size
        self.pages = []
        self.anchors = {}   # key -> (page, bbox)
        self.slots = {}     # 'sig:<role>' / 'seal:<owner>' -> (page, bbox)
        self.hand = []      # (page, bbox, text, key, size_px) values to be written by hand
        self.new_page()

    # pages -----------------------------------------------------------------
    def new_page(self):
        im = Image.new('RGB', self.size, (255, 255, 255))
        self.pages.append(im)
        self.d = ImageDraw.Draw(im)
        self.y = self.s.margin_t
        return im

    @property
    def pno(self):
        return len(self.pages) - 1

    @property
    def x0(self):
        return self.s.margin_l

    @property
    def x1(self):
        return self.size[0] - self.s.margin_r

    @property
    def bottom(self):
        return self.size[1] - self.s.margin_b

    def ensure(self, h):
        if self.y + h > self.bottom:
            self.new_page()

    def f(self, size=None, name=None):
        return font(name or self.s.body, size or self.s.size)

    def lh(self, size=None):
        return int((size or self.s.size) * self.s.line)

    def _anchor(self, key, bbox):
        if key and key not in self.anchors:
            self.anchors[key] = (self.pno, [int(v) for v in bbox])

    # simple lines ---------------------------------------------------------
    def text(self, x, y, s, fnt=None, fill=None):
        fnt = fnt or self.f()
        self.d.text((x, y), s, font=fnt, fill=fill or self.s.ink)
        return fnt.getlength(s)

    def title(self, s, size=None, name=None, gap=1.2, spaced=False, fill=None):
        size = size or self.s.title_size
        fnt = self.f(size, name or self.s.title)
        if spaced:
            s = ' '.join(s)
        w = fnt.getlength(s)
        x = (self.x0 + self.x1) / 2 - w / 2
        self.d.text((x, self.y), s, font=fnt, fill=fill or self.s.ink)
        self._anchor('__title', (x, self.y, w, size))
        self.y += int(size * (1 + gap))
        return x, w

    def centre(self, segs, size=None, name=None, gap=0.6):
        size = size or self.s.size
        w = self.measure(segs, size, name)
        x = (self.x0 + self.x1) / 2 - w / 2
        self.line_segs(x, self.y, segs, size, name)
        self.y += int(size * (1 + gap))

    def right(self, segs, size=None, name=None, pad=0, gap=0.6):
        size = size or self.s.size
        w = self.measure(segs, size, name)
        self.line_segs(self.x1 - w - pad, self.y, segs, size, name)
        self.y += int(size * (1 + gap))

    def space(self, k=1.0):
        self.y += int(self.s.size * k)

    # segments -------------------------------------------------------------
    def seg_w(self, seg, fnt):
        if isinstance(seg, V):
            w = fnt.getlength(seg.text) if not seg.hand else fnt.getlength(seg.text) * 1.05
            return max(w + (fnt.size * 0.6 if seg.underline else 0), seg.min_w)
        if isinstance(seg, Slot):
            return seg.width if seg.kind == 'sig' else 0
        if isinstance(seg, Box):
            return fnt.size * 1.4
        return fnt.getlength(seg)

    def measure(self, segs, size=None, name=None):
        fnt = self.f(size, name)
        return sum(self.seg_w(s, fnt) for s in segs)

    def line_segs(self, x, y, segs, size=None, name=None):
        """Draw one line of segments starting at (x, y); returns the end x."""
        size = size or self.s.size
        fnt = self.f(size, name)
        for seg in segs:
            w = self.seg_w(seg, fnt)
            if isinstance(seg, V):
                tx = x + (fnt.size * 0.3 if seg.underline else 0)
                if seg.hand:
                    self.hand.append((self.pno, [int(tx), int(y - size * 0.15), int(w), int(size * 1.3)], seg.text, seg.key, size))
                elif seg.text:
                    self.d.text((tx, y), seg.text, font=fnt, fill=self.s.ink)
                if seg.underline:
                    uy = y + size * 1.22
                    self.d.line([(x, uy), (x + w, uy)], fill=self.s.ink, width=2)
                self._anchor(seg.key, (tx, y, max(w, 1), size * 1.2))
            elif isinstance(seg, Box):
                s0 = size * 0.85
                bx, by = x + size * 0.1, y + size * 0.22
                self.d.rectangle([bx, by, bx + s0, by + s0], outline=self.s.ink, width=3)
                if seg.checked:
                    self.d.line([(bx + s0 * 0.18, by + s0 * 0.5), (bx + s0 * 0.42, by + s0 * 0.78), (bx + s0 * 0.85, by + s0 * 0.15)],
                                fill=self.s.ink, width=5, joint='curve')
            elif isinstance(seg, Slot):
                bbox = [int(x), int(y - size * 0.8), int(max(w, size * 6)), int(size * 2.6)]
                if seg.kind == 'seal':
                    bbox = [int(x - size * 6), int(y - size * 2), int(size * 8), int(size * 5)]
                self.slots.setdefault('%s:%s' % (seg.kind, seg.name), (self.pno, bbox))
            else:
                self.d.text((x, y), seg, font=fnt, fill=self.s.ink)
            x += w
        return x

    def para(self, segs, indent=2, size=None, name=None, x0=None, x1=None, gap=0.35, align='left'):
        """Wrap segments into lines between x0 and x1; values are not split across lines
        unless longer than a line."""
        size = size or self.s.size
        fnt = self.f(size, name)
        x0 = self.x0 if x0 is None else x0
        x1 = self.x1 if x1 is None else x1
        if isinstance(segs, str):
            segs = [segs]
        # break plain text into characters so it can wrap anywhere
        units = []
        for seg in segs:
            if isinstance(seg, str):
                units.extend(list(seg))
            elif isinstance(seg, V) and not seg.underline and not seg.hand and fnt.getlength(seg.text) > (x1 - x0) * 0.6:
                # long plain values wrap like text but keep their anchor on the first piece
                first = True
                for ch in seg.text:
                    units.append(V(seg.key if first else None, ch, piece=True))
                    first = False
            else:
                units.append(seg)
        lines, cur, w = [], [], indent * size
        for u in units:
            uw = self.seg_w(u, fnt)
            if cur and w + uw > x1 - x0 and not (isinstance(u, str) and u in NO_LINE_START):
                lines.append(cur)
                cur, w = [], 0
            cur.append(u)
            w += uw
        if cur:
            lines.append(cur)
        lh = self.lh(size)
        for i, ln in enumerate(lines):
            self.ensure(lh)
            x = x0 + (indent * size if i == 0 else 0)
            if align == 'center':
                x = (x0 + x1) / 2 - sum(self.seg_w(u, fnt) for u in ln) / 2
            self.line_segs(x, self.y, self._merge(ln), size, name)
            self.y += lh
        self.y += int(size * gap)
        return len(lines)

    @staticmethod
    def _merge(units):
        out = []
        for u in units:
            if isinstance(u, str) and out and isinstance(out[-1], str):
                out[-1] += u
            elif isinstance(u, V) and u.piece and u.key is None and out and isinstance(out[-1], str):
                out[-1] += u.text
            elif isinstance(u, V) and u.piece and u.key is None:
                out.append(u.text)
            else:
                out.append(u)
        return out

    def wrap_text(self, s, fnt, width):
        lines, cur = [], ''
        for ch in s:
            if cur and fnt.getlength(cur + ch) > width and ch not in NO_LINE_START:
                lines.append(cur)
                cur = ''
            cur += ch
        if cur:
            lines.append(cur)
        return lines or ['']

    # inline forms ---------------------------------------------------------
    def field_line(self, label, value, label_w=None, colon='：', underline=True, x0=None, x1=None):
        """`label：value` with the value on an underline that runs to the right margin."""
        fnt = self.f()
        x0 = self.x0 if x0 is None else x0
        x1 = self.x1 if x1 is None else x1
        lw = label_w or fnt.getlength(label + colon)
        lines = self.wrap_text(value.text, fnt, x1 - x0 - lw - fnt.size) if not value.hand else [value.text]
        lh = self.lh()
        self.ensure(lh * len(lines))
        self.d.text((x0, self.y), label + colon, font=fnt, fill=self.s.ink)
        for i, ln in enumerate(lines):
            v = V(value.key if i == 0 else None, ln, False, hand=value.hand)
            vx = x0 + lw + fnt.size * 0.3
            if v.key or value.hand:
                self.line_segs(vx, self.y, [v])
            else:
                self.d.text((vx, self.y), ln, font=fnt, fill=self.s.ink)
            if underline:
                uy = self.y + fnt.size * 1.22
                self.d.line([(x0 + lw, uy), (x1 if underline == 'full' else max(x0 + lw + fnt.getlength(ln) + fnt.size * 2, x0 + lw + (x1 - x0 - lw) * 0.75), uy)],
                            fill=self.s.ink, width=2)
            self.y += lh
        return lines

    # tables ---------------------------------------------------------------
    def table(self, rows, pad=None, min_h=None, x0=None, x1=None, size=None):
        """rows: list of rows; a row is a list of cells
        ('L', text, frac) label cell, ('V', V, frac) value cell, ('B', items, frac, h) block cell,
        ('T', text, frac) plain text cell; fractions of a row add up to 1."""
        size = size or self.s.size
        fnt = self.f(size)
        x0 = self.x0 if x0 is None else x0
        x1 = self.x1 if x1 is None else x1
        W = x1 - x0
        pad = pad or int(size * 0.45)
        min_h = min_h or int(size * 2.4)
        lh = int(size * 1.45)
        lw = self.s.rule
        for row in rows:
            # measure
            cells, xs, x = [], [], x0
            hrow = min_h
            for cell in row:
                kind, content, frac = cell[0], cell[1], cell[2]
                cw = W * frac
                if kind in ('L', 'T'):
                    lines = self.wrap_text(content, fnt, cw - 2 * pad)
                    h = len(lines) * lh + 2 * pad
                elif kind == 'V':
                    lines = self.wrap_text(content.text, fnt, cw - 2 * pad) if not content.hand else [content.text]
                    h = len(lines) * lh + 2 * pad
                else:
                    lines = None
                    h = cell[3]
                hrow = max(hrow, h)
                cells.append((kind, content, x, cw, lines))
                x += cw
            self.ensure(hrow)
            y = self.y
            for kind, content, cx, cw, lines in cells:
                if kind == 'L' and self.s.shade:
                    self.d.rectangle([cx, y, cx + cw, y + hrow], fill=(236, 236, 236))
                self.d.rectangle([cx, y, cx + cw, y + hrow], outline=self.s.ink, width=lw)
                if kind in ('L', 'T'):
                    ty = y + (hrow - len(lines) * lh) / 2 + (lh - size) / 2
                    for ln in lines:
                        tw = fnt.getlength(ln)
                        tx = cx + (cw - tw) / 2 if (kind == 'L' and self.s.label_align == 'center') else cx + pad
                        self.d.text((tx, ty), ln, font=fnt, fill=self.s.ink)
                        ty += lh
                elif kind == 'V':
                    multi = len(lines) > 2 or hrow > min_h * 2
                    ty = y + pad if multi else y + (hrow - len(lines) * lh) / 2 + (lh - size) / 2
                    for i, ln in enumerate(lines):
                        v = V(content.key if i == 0 else None, ln, hand=content.hand)
                        if v.key or v.hand:
                            self.line_segs(cx + pad, ty, [v], size)
                        else:
                            self.d.text((cx + pad, ty), ln, font=fnt, fill=self.s.ink)
                        ty += lh
                    if content.key and not content.text:
                        self._anchor(content.key, (cx, y, cw, hrow))
                else:
                    save = self.y
                    self.block(content, cx + pad * 2, cx + cw - pad * 2, y + pad)
                    self.y = save
            self.y = y + hrow
        self.y += int(size * 0.8)

    # signature blocks -------------------------------------------------------
    def block(self, lines, x0=None, x1=None, y=None, align='left', gap=1.0):
        """Lines of segments stacked vertically; align 'right' puts the block's widest line
        flush with x1 (a 落款), 'left' starts at x0."""
        x0 = self.x0 if x0 is None else x0
        x1 = self.x1 if x1 is None else x1
        if y is not None:
            self.y = y
        fnt = self.f()
        widths = [sum(self.seg_w(s, fnt) for s in ln) if isinstance(ln, list) else 0 for ln in lines]
        bw = max(widths) if widths else 0
        bx = x1 - bw if align == 'right' else x0
        step = int(self.s.size * (1 + gap) * 1.25)
        for ln in lines:
            if ln == 'gap':
                self.y += step // 2
                continue
            if isinstance(ln, tuple) and ln[0] == 'para':
                self.para(ln[1], indent=ln[2] if len(ln) > 2 else 0, x0=x0, x1=x1, gap=0.2)
                continue
            self.ensure(step)
            self.line_segs(bx, self.y, ln)
            self.y += step
        return bx
