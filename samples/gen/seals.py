"""Seal impressions: round company/authority seals, oval bank seals, square personal seals.

A seal is drawn as a grey-level mask (text on an arc, star, rings), then given ink texture
(uneven pressure, speckle gaps, soft edges) and returned as an alpha array plus an ink colour;
`ink.composite` lays it over the page multiplicatively so the text underneath shows through.
"""
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .fonts import font

MM = 300 / 25.4

COLOURS = {
    'red': [(208, 34, 42), (196, 28, 52), (220, 48, 40), (186, 22, 36)],
    'blue': [(38, 62, 168), (30, 80, 180)],
    'purple': [(118, 42, 140), (130, 50, 120)],
}


def _star(d, cx, cy, r_out, fill=255):
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r_out if i % 2 == 0 else r_out * 0.382
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=fill)


def _char_img(ch, fname, size, sx=1.0):
    f = font(fname, size)
    box = f.getbbox(ch)
    w, h = box[2] - box[0] + 4, box[3] - box[1] + 4
    im = Image.new('L', (max(1, w), max(1, h)), 0)
    ImageDraw.Draw(im).text((2 - box[0], 2 - box[1]), ch, font=f, fill=255)
    if sx != 1.0:
        im = im.resize((max(1, int(im.width * sx)), im.height), Image.LANCZOS)
    return im


def _paste_rot(canvas, glyph, cx, cy, deg):
    g = glyph.rotate(deg, resample=Image.BICUBIC, expand=True)
    canvas.paste(255, (int(cx - g.width / 2), int(cy - g.height / 2)), g)


def _arc_text(canvas, text, cx, cy, rx, ry, start_deg, end_deg, fname, size, sx, inward=True):
    """Place characters along an ellipse arc from start to end angle (degrees, 0 = +x, y down)."""
    n = len(text)
    if n == 0:
        return
    # sample the arc and place characters at equal arc length
    ts = np.linspace(math.radians(start_deg), math.radians(end_deg), 720)
    xs, ys = cx + rx * np.cos(ts), cy + ry * np.sin(ts)
    seg = np.hypot(np.diff(xs), np.diff(ys))
    cum = np.concatenate([[0], np.cumsum(seg)])
    total = cum[-1]
    for i, ch in enumerate(text):
        target = total * (i + 0.5) / n
        k = int(np.searchsorted(cum, target))
        k = min(k, len(ts) - 1)
        x, y = xs[k], ys[k]
        # outward normal of the ellipse at t
        t = ts[k]
        nx, ny = math.cos(t) / rx, math.sin(t) / ry
        ang = math.degrees(math.atan2(ny, nx))
        rot = -(ang + 90) if inward else -(ang - 90)
        _paste_rot(canvas, _char_img(ch, fname, size, sx), x, y, rot)


def _texture(mask, rng, strength=1.0):
    """Ink texture on a 0..1 mask: pressure gradient, blotches, gaps, soft edge."""
    h, w = mask.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    grad = (np.cos(ang) * (xx / w - 0.5) + np.sin(ang) * (yy / h - 0.5))
    press = 1.0 - strength * rng.uniform(0.1, 0.4) * np.clip(grad + 0.5, 0, 1) ** 1.5
    small = rng.random((max(2, h // 24), max(2, w // 24))).astype(np.float32)
    blot = np.asarray(Image.fromarray((small * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC), np.float32) / 255
    fine = rng.random((h, w)).astype(np.float32)
    gaps = (fine > (1 - strength * rng.uniform(0.004, 0.03))).astype(np.float32)
    gaps = np.asarray(Image.fromarray((gaps * 255).astype(np.uint8)).filter(ImageFilter.MaxFilter(3)), np.float32) / 255
    a = mask * press * (0.8 + 0.2 * blot) * (1 - 0.7 * gaps)
    a = np.asarray(Image.fromarray((np.clip(a, 0, 1) * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.1)), np.float32) / 255
    return np.clip(a * rng.uniform(1.0, 1.25), 0, 1)


def round_seal(text, rng, diameter_mm=40, lower_text='', serial=None, star=True, fname='serif_bold', span=None):
    """Round seal: ring text on the upper arc, star, optional lower text and serial arc."""
    ss = 2
    D = int(diameter_mm * MM * ss)
    im = Image.new('L', (D + 8, D + 8), 0)
    d = ImageDraw.Draw(im)
    c = (D + 8) / 2
    ring = D * rng.uniform(0.026, 0.036)
    d.ellipse([c - D / 2, c - D / 2, c + D / 2, c + D / 2], outline=255, width=int(ring))
    n = len(text)
    size = int(D * (0.15 if n <= 12 else 0.135 if n <= 16 else 0.12))
    r_text = D / 2 - ring - size * 0.62
    if span is None:
        span = min(292, max(190, 120 + n * 11 + rng.uniform(-12, 12)))
    mid = -90 + rng.uniform(-6, 6)
    _arc_text(im, text, c, c, r_text, r_text, mid - span / 2, mid + span / 2, fname, size, sx=rng.uniform(0.66, 0.8))
    if star:
        _star(d, c, c - (D * 0.02 if lower_text else 0), D * rng.uniform(0.13, 0.16))
    if lower_text:
        f = font(fname, int(D * 0.1))
        tw = d.textlength(lower_text, font=f)
        d.text((c - tw / 2, c + D * 0.17), lower_text, font=f, fill=255)
    if serial:
        _arc_text(im, serial, c, c, D / 2 - ring - D * 0.045, D / 2 - ring - D * 0.045, 150, 30, 'sans', int(D * 0.045), 1.0, inward=False)
    im = im.resize((im.width // ss, im.height // ss), Image.LANCZOS)
    mask = np.asarray(im, np.float32) / 255
    return _texture(mask, rng)


def oval_seal(top_text, middle, bottom, rng, w_mm=44, h_mm=30, fname='sans'):
    """Oval bank seal: bank name along the top, date in the middle, 收讫/转讫 below."""
    ss = 2
    W, H = int(w_mm * MM * ss), int(h_mm * MM * ss)
    im = Image.new('L', (W + 8, H + 8), 0)
    d = ImageDraw.Draw(im)
    cx, cy = (W + 8) / 2, (H + 8) / 2
    ring = H * 0.035
    d.ellipse([cx - W / 2, cy - H / 2, cx + W / 2, cy + H / 2], outline=255, width=int(ring))
    size = int(H * 0.17)
    _arc_text(im, top_text, cx, cy, W / 2 - ring - size * 0.7, H / 2 - ring - size * 0.7, 200, 340, fname, size, 0.78)
    fm = font('sans', int(H * 0.15))
    tw = d.textlength(middle, font=fm)
    d.text((cx - tw / 2, cy - H * 0.09), middle, font=fm, fill=255)
    fb = font(fname, int(H * 0.17))
    tw = d.textlength(bottom, font=fb)
    d.text((cx - tw / 2, cy + H * 0.16), bottom, font=fb, fill=255)
    im = im.resize((im.width // ss, im.height // ss), Image.LANCZOS)
    return _texture(np.asarray(im, np.float32) / 255, rng)


def square_seal(name, rng, size_mm=None, negative=None):
    """Square personal name seal, 2 x 2 characters (name + 印/之印)."""
    chars = name + ('印' if len(name) == 3 else '之印' if len(name) == 2 else '')
    chars = chars[:4]
    ss = 2
    S = int((size_mm or rng.uniform(15, 20)) * MM * ss)
    negative = rng.random() < 0.4 if negative is None else negative
    im = Image.new('L', (S + 8, S + 8), 0)
    d = ImageDraw.Draw(im)
    o = 4
    border = int(S * 0.07)
    if negative:
        d.rectangle([o, o, o + S, o + S], fill=255)
    else:
        d.rectangle([o, o, o + S, o + S], outline=255, width=border)
    cell = (S - 2 * border) / 2
    # traditional order: right column top-down, then left column
    order = [(1, 0), (1, 1), (0, 0), (0, 1)]
    for ch, (col, row) in zip(chars, order):
        g = _char_img(ch, 'serif_bold', int(cell * 0.92))
        g = g.resize((int(cell * 0.9), int(cell * 0.9)), Image.LANCZOS)
        x = o + border + col * cell + (cell - g.width) / 2
        y = o + border + row * cell + (cell - g.height) / 2
        im.paste(0 if negative else 255, (int(x), int(y)), g)
    im = im.resize((im.width // ss, im.height // ss), Image.LANCZOS)
    return _texture(np.asarray(im, np.float32) / 255, rng, 0.8)


def seal_colour(name, rng):
    if name == 'grey':
        return (90, 90, 90)
    base = COLOURS[name][int(rng.integers(len(COLOURS[name])))]
    return tuple(int(np.clip(c + rng.integers(-10, 11), 0, 255)) for c in base)


def serial_number(rng):
    return '12' + ''.join(str(int(x)) for x in rng.integers(0, 10, 11))
