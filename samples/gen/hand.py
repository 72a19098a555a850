"""Handwriting drawn as pen strokes.

Each character is rendered once in a font, thinned to a one-pixel skeleton and traced into
polylines; a writer then redraws those lines as pen strokes: a per-writer slant, aspect and
smooth distortion field, wobble, pressure-shaped stroke width and (for signatures) cursive
connections between strokes and characters. Nothing of the font's outline survives, only the
rough shape of each character, so the result is ink strokes, not typed glyphs.
"""
import math
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw

from .fonts import font

_GLYPH = 128
_skel_cache = {}


def _trace(sk):
    """Skeleton image (uint8, 255 = on) -> list of polylines [(x, y), ...]."""
    ys, xs = np.nonzero(sk)
    on = set(zip(xs.tolist(), ys.tolist()))
    nb = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)]

    def neigh(p):
        x, y = p
        out = []
        for dx, dy in nb:
            q = (x + dx, y + dy)
            if q not in on:
                continue
            # a diagonal step is redundant where a 4-connected detour exists
            if dx and dy and ((x + dx, y) in on or (x, y + dy) in on):
                continue
            out.append(q)
        return out

    deg = {p: len(neigh(p)) for p in on}
    nodes = {p for p, d in deg.items() if d != 2}
    used = set()
    paths = []

    def walk(start, nxt):
        path = [start, nxt]
        used.add(frozenset((start, nxt)))
        prev, cur = start, nxt
        while cur not in nodes:
            cand = [q for q in neigh(cur) if q != prev and frozenset((cur, q)) not in used]
            if not cand:
                break
            # prefer 4-neighbours to keep the walk on the line
            cand.sort(key=lambda q: abs(q[0] - cur[0]) + abs(q[1] - cur[1]))
            q = cand[0]
            used.add(frozenset((cur, q)))
            path.append(q)
            prev, cur = cur, q
            if cur == start:
                break
        return path

    for n in sorted(nodes):
        for q in neigh(n):
            if frozenset((n, q)) not in used:
                paths.append(walk(n, q))
    # closed loops with no node
    for p in sorted(on):
        for q in neigh(p):
            if frozenset((p, q)) not in used:
                paths.append(walk(p, q))
    # drop junction crumbs and short spurs
    out = []
    for pth in paths:
        if len(pth) < 2:
            continue
        ends_free = deg.get(pth[0], 0) == 1 or deg.get(pth[-1], 0) == 1
        if len(pth) < 4 and ends_free and len(paths) > 1:
            continue
        out.append(pth)
    return out


def _merge(paths, tol=2.5):
    """Join paths whose ends meet and continue in roughly the same direction."""
    paths = [list(p) for p in paths]
    changed = True
    while changed:
        changed = False
        for i in range(len(paths)):
            for j in range(len(paths)):
                if i == j or not paths[i] or not paths[j]:
                    continue
                a, b = paths[i], paths[j]
                for ra in (False, True):
                    for rb in (False, True):
                        aa = a[::-1] if ra else a
                        bb = b[::-1] if rb else b
                        if math.dist(aa[-1], bb[0]) > tol:
                            continue
                        k = min(5, len(aa) - 1, len(bb) - 1)
                        if k < 2:
                            continue
                        d1 = np.subtract(aa[-1], aa[-1 - k])
                        d2 = np.subtract(bb[k], bb[0])
                        c = np.dot(d1, d2) / (np.linalg.norm(d1) * np.linalg.norm(d2) + 1e-9)
                        if c > 0.8:
                            paths[i] = aa + bb[1:]
                            paths[j] = []
                            changed = True
                            break
                    if changed:
                        break
                if changed:
                    break
            if changed:
                break
    return [p for p in paths if p]


def glyph_strokes(ch, fname='kai'):
    """Normalised strokes of one character: list of (N,2) arrays in a unit box (y down)."""
    key = (ch, fname)
    if key in _skel_cache:
        return _skel_cache[key]
    f = font(fname, _GLYPH)
    pad = 24
    im = Image.new('L', (_GLYPH + 2 * pad, _GLYPH + 2 * pad), 0)
    ImageDraw.Draw(im).text((pad, pad), ch, font=f, fill=255)
    a = (np.array(im) > 110).astype(np.uint8) * 255
    if a.sum() == 0:
        _skel_cache[key] = ([], (0.4, 0.6, 0.4, 0.6))
        return _skel_cache[key]
    sk = cv2.ximgproc.thinning(a, thinningType=cv2.ximgproc.THINNING_ZHANGSUEN)
    paths = _merge(_trace(sk))
    ys, xs = np.nonzero(a)
    x0, x1, y0, y1 = xs.min(), xs.max(), ys.min(), ys.max()
    # keep the character's own proportions inside the em box
    strokes = []
    for p in paths:
        arr = np.array(p, dtype=float)
        arr[:, 0] = (arr[:, 0] - pad) / _GLYPH
        arr[:, 1] = (arr[:, 1] - pad) / _GLYPH
        strokes.append(arr[::2] if len(arr) > 8 else arr)
    # rough writing order: top to bottom in bands, then left to right
    strokes.sort(key=lambda s: (round(min(s[:, 1]) * 4), min(s[:, 0])))
    box = ((x0 - pad) / _GLYPH, (x1 - pad) / _GLYPH, (y0 - pad) / _GLYPH, (y1 - pad) / _GLYPH)
    res = (strokes, box)
    _skel_cache[key] = res
    return res


def _smooth(pts, it=2):
    for _ in range(it):
        if len(pts) < 3:
            return pts
        q = 0.75 * pts[:-1] + 0.25 * pts[1:]
        r = 0.25 * pts[:-1] + 0.75 * pts[1:]
        new = np.empty((2 * len(q), 2))
        new[0::2] = q
        new[1::2] = r
        pts = np.vstack([pts[:1], new, pts[-1:]])
    return pts


class Writer:
    """A person's hand. The same seed gives the same hand."""

    def __init__(self, seed, cursive=None, neat=False):
        r = random.Random(seed)
        self.seed = seed
        self.font = r.choices(['kai', 'sans', 'ming', 'serif'], [5, 2, 2, 1])[0]
        self.slant = r.uniform(-4, 16)
        self.rot = r.uniform(-5, 3)
        self.aspect = r.uniform(0.82, 1.22)
        self.jitter = r.uniform(0.012, 0.032)
        self.freq = r.uniform(0.8, 2.2)
        self.spacing = r.uniform(0.75, 1.0)
        self.connect = r.uniform(0.0, 0.85) if cursive is None else cursive
        self.pen = r.uniform(3.4, 5.6)
        self.pressure = r.uniform(0.25, 0.6)
        self.ink = r.choice([(25, 32, 95), (20, 20, 28), (28, 45, 150), (35, 35, 60)])
        self.first_scale = r.uniform(1.0, 1.3)
        self.size_var = r.uniform(0.04, 0.14)
        self.drop = r.uniform(0.0, 0.12)
        self.baseline = r.uniform(-0.06, 0.06)
        self.wobble = r.uniform(0.004, 0.011)
        # per-character distortion fields are part of the hand, not of the instance
        self.field = [(r.uniform(0, 6.3), r.uniform(0, 6.3), r.uniform(0.5, 1.5), r.uniform(0.5, 1.5))
                      for _ in range(4)]
        if neat:
            self.connect = 0.0
            self.slant = r.uniform(-3, 8)
            self.spacing = r.uniform(0.95, 1.1)
            self.jitter *= 0.6
            self.first_scale = 1.0
            self.drop = 0.0

    def _distort(self, pts, cseed, r):
        out = pts.copy()
        amp = self.jitter
        for k, (p1, p2, f1, f2) in enumerate(self.field):
            ph = (cseed * 0.37 + k) % 6.3
            out[:, 0] += amp / (k + 1) * np.sin(2 * math.pi * self.freq * f1 * pts[:, 1] + p1 + ph)
            out[:, 1] += amp / (k + 1) * np.sin(2 * math.pi * self.freq * f2 * pts[:, 0] + p2 + ph)
        # instance wobble, different every time the person writes
        n = len(out)
        if n > 2:
            seg = np.linalg.norm(np.diff(pts, axis=0), axis=1)
            t = np.concatenate([[0], np.cumsum(seg)])
            for _ in range(2):
                f = r.uniform(1.5, 4.0)
                ph = r.uniform(0, 6.3)
                out[:, 0] += self.wobble * np.sin(2 * math.pi * f * t + ph)
                out[:, 1] += self.wobble * np.cos(2 * math.pi * f * t + ph * 1.3)
        return out

    def layout(self, text, r, scale=1.0, slant_jit=0.0, signature=True):
        """Strokes of `text` in em units, in writing order, with connection flags."""
        strokes = []  # (pts, is_connector)
        x = 0.0
        slant = math.radians(self.slant + slant_jit)
        for i, ch in enumerate(text):
            if ch == ' ':
                x += 0.5
                continue
            base, box = glyph_strokes(ch, self.font)
            s = (self.first_scale if (i == 0 and signature) else 1.0) * (1 + r.uniform(-self.size_var, self.size_var))
            cx = (box[0] + box[1]) / 2
            wbox = (box[1] - box[0]) * s * self.aspect
            gap = (self.spacing - 0.85) * 0.6 * s + (0.1 if not signature else 0.0)
            adv = max(0.15, wbox + gap)
            by = self.baseline * i + r.uniform(-0.03, 0.03)
            cseed = sum(ord(c) for c in ch) + i
            char_strokes = []
            for st in base:
                if signature and len(st) < 6 and r.random() < self.drop:
                    continue
                p = st.copy()
                p = self._distort(p, cseed, r)
                p[:, 0] = (p[:, 0] - cx) * s * self.aspect
                p[:, 1] = (p[:, 1] - 0.5) * s
                # shear for slant (top leans right), character rotation
                p[:, 0] += -p[:, 1] * math.tan(slant)
                char_strokes.append(p + [x + wbox / 2, by])
            if char_strokes:
                if signature and strokes and r.random() < self.connect \
                        and math.dist(strokes[-1][0][-1], char_strokes[0][0]) < 0.9:
                    strokes.append((np.array([strokes[-1][0][-1], char_strokes[0][0]]), True))
                for j, p in enumerate(char_strokes):
                    if signature and j > 0 and r.random() < self.connect * 0.35:
                        a, b = char_strokes[j - 1][-1], p[0]
                        if math.dist(a, b) < 0.35:
                            strokes.append((np.array([a, b]), True))
                    strokes.append((p, False))
            x += adv
        return strokes, x

    def render(self, text, height_px, r, signature=True, scale_var=0.13, slant_var=5.0, pen_var=0.15):
        """Return (alpha mask as float32 array in 0..1, ink colour). Height is the em size in px."""
        scale = 1 + r.uniform(-scale_var, scale_var)
        strokes, width = self.layout(text, r, scale, r.uniform(-slant_var, slant_var), signature)
        em = height_px * scale
        pen = self.pen * (1 + r.uniform(-pen_var, pen_var)) * (em / 110.0) ** 0.3
        rot = math.radians(self.rot + r.uniform(-2, 2))
        ss = 3  # supersampling
        allp = np.vstack([p for p, _ in strokes]) if strokes else np.zeros((1, 2))
        c, s_ = math.cos(rot), math.sin(rot)
        R = np.array([[c, -s_], [s_, c]])
        pts_all = allp @ R.T * em
        minx, miny = pts_all.min(0) - pen * 3
        maxx, maxy = pts_all.max(0) + pen * 3
        W, H = int((maxx - minx) * ss) + 4, int((maxy - miny) * ss) + 4
        im = Image.new('L', (W, H), 0)
        d = ImageDraw.Draw(im)
        for p, conn in strokes:
            q = (p @ R.T * em - [minx, miny]) * ss
            if conn:
                mid = (q[0] + q[-1]) / 2 + np.array([r.uniform(-1, 1), r.uniform(-1, 1)]) * em * ss * 0.08
                q = np.array([q[0], mid, q[-1]])
            q = _smooth(q, 3 if not conn else 2)
            n = len(q)
            for i in range(n - 1):
                t = i / max(1, n - 2)
                # pressure: quick attack, taper at the end; connectors are hairlines
                prof = min(1.0, 0.55 + 3 * t) * (1 - self.pressure * max(0.0, t - 0.6) / 0.4)
                w = pen * ss * (0.45 if conn else prof)
                w = max(1.0, w)
                x0, y0 = q[i]
                x1, y1 = q[i + 1]
                d.line([(x0, y0), (x1, y1)], fill=255, width=int(round(w)))
                rr = w / 2
                d.ellipse([x1 - rr, y1 - rr, x1 + rr, y1 + rr], fill=255)
        im = im.resize((max(1, W // ss), max(1, H // ss)), Image.LANCZOS)
        a = np.asarray(im, dtype=np.float32) / 255.0
        # ballpoint: ink is not fully even
        a *= np.clip(0.82 + 0.18 * np.random.default_rng(r.randrange(1 << 30)).random(a.shape), 0, 1).astype(np.float32)
        return a, self.ink
