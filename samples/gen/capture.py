"""Capture conditions (scanner, photocopier, phone camera) and file writing.

Pages arrive as clean 300 dpi RGB images. Each condition named in a document's `capture`
list is applied in a fixed order; the writer then saves them as JPEG, PNG, TIFF (multi-page
where the material has several pages) or an image-only PDF, or writes a broken file for a
document marked unreadable.
"""
import hashlib
import io
import math
import os
import zlib

import cv2
import numpy as np
from PIL import Image, ImageFilter, ImageOps


def _np(im):
    return np.asarray(im, dtype=np.float32)


def _pil(a):
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def photocopy(im, r, nr, colour):
    """Copier look: crushed greys, toner speckle, streaks, darker edges."""
    a = _np(im)
    if not colour:
        g = a.mean(axis=2, keepdims=True) if a.ndim == 3 else a[..., None]
        a = np.repeat(g, 3, axis=2)
    lum = a.mean(axis=2, keepdims=True)
    k = r.uniform(1.3, 1.9)
    t = r.uniform(150, 190)
    new = 255 / (1 + np.exp(-(lum - t) / (255 / (k * 10))))
    curved = a * (new / np.maximum(lum, 1))
    if colour:
        # a colour copier keeps coloured ink (seals) and crushes only the greys
        sat = np.clip((a.max(axis=2, keepdims=True) - a.min(axis=2, keepdims=True)) / 70.0, 0, 1)
        a = sat * a + (1 - sat) * curved
    else:
        a = curved
    h, w = a.shape[:2]
    speck = nr.random((h, w)) < r.uniform(0.0004, 0.0025)
    a[speck] = np.minimum(a[speck], nr.uniform(30, 120))
    if r.random() < 0.5:       # a streak from a dirty drum
        x = r.randint(0, w - 1)
        a[:, x:x + r.randint(1, 3)] *= r.uniform(0.75, 0.92)
    yy, xx = np.mgrid[0:h, 0:w]
    edge = np.minimum.reduce([xx, yy, w - xx, h - yy]).astype(np.float32)
    a *= (1 - 0.12 * np.exp(-edge / 60.0))[..., None]
    return _pil(a)


def noise(im, r, nr):
    a = _np(im)
    a += nr.normal(0, r.uniform(2.5, 6), a.shape[:2])[..., None]
    im = _pil(a)
    return im.filter(ImageFilter.GaussianBlur(r.uniform(0.3, 0.7)))


def skew(im, r, max_deg):
    ang = r.uniform(0.4, max_deg) * r.choice([-1, 1])
    fill = (255, 255, 255) if r.random() < 0.7 else (205, 205, 205)
    return im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=fill), ang


def downscale(im, dpi):
    s = dpi / 300.0
    return im.resize((int(im.width * s), int(im.height * s)), Image.LANCZOS)


def phone_photo(im, r, nr):
    """The sheet on a desk, shot at an angle: perspective, uneven light, 3000 x 4000 px."""
    W, H = (3000, 4000) if im.height >= im.width else (4000, 3000)
    bg = np.zeros((H, W, 3), np.float32)
    base = np.array(r.choice([(120, 90, 60), (150, 150, 145), (90, 70, 55), (180, 170, 150), (60, 60, 65)]), np.float32)
    small = nr.normal(0, 1, (H // 100 + 1, W // 100 + 1)).astype(np.float32)
    grain = cv2.resize(small, (W, H), interpolation=cv2.INTER_CUBIC)
    bg[:] = base + grain[..., None] * 12
    src = np.float32([[0, 0], [im.width, 0], [im.width, im.height], [0, im.height]])
    scale = r.uniform(0.72, 0.86) * min(W / im.width, H / im.height)
    cw, ch = im.width * scale, im.height * scale
    cx, cy = W / 2 + r.uniform(-120, 120), H / 2 + r.uniform(-120, 120)
    # tilt: one side shorter than the other (>= 10 degrees of camera tilt)
    tilt = r.uniform(0.06, 0.13)
    dst = np.float32([[cx - cw / 2, cy - ch / 2], [cx + cw / 2, cy - ch / 2], [cx + cw / 2, cy + ch / 2], [cx - cw / 2, cy + ch / 2]])
    side = r.randint(0, 3)
    if side == 0:     # top further away
        dst[0, 0] += cw * tilt; dst[1, 0] -= cw * tilt
    elif side == 1:
        dst[3, 0] += cw * tilt; dst[2, 0] -= cw * tilt
    elif side == 2:
        dst[0, 1] += ch * tilt; dst[3, 1] -= ch * tilt
    else:
        dst[1, 1] += ch * tilt; dst[2, 1] -= ch * tilt
    dst += nr.normal(0, 25, dst.shape).astype(np.float32)
    rot = math.radians(r.uniform(-6, 6))
    c0 = dst.mean(0)
    R = np.array([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]], np.float32)
    dst = (dst - c0) @ R.T + c0
    M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    sheet = cv2.warpPerspective(np.asarray(im), M, (W, H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((im.height, im.width), 255, np.uint8), M, (W, H), flags=cv2.INTER_LINEAR)
    m = (mask.astype(np.float32) / 255)[..., None]
    # paper casts a small shadow
    shadow = cv2.GaussianBlur(mask, (0, 0), 25).astype(np.float32)[..., None] / 255
    bg *= (1 - 0.35 * np.roll(np.roll(shadow, 18, 0), 14, 1))
    out = bg * (1 - m) + sheet.astype(np.float32) * m
    # uneven light: a broad gradient and vignette, slightly warm
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ang = r.uniform(0, 2 * math.pi)
    grad = 1 - r.uniform(0.12, 0.3) * ((np.cos(ang) * (xx / W - 0.5) + np.sin(ang) * (yy / H - 0.5)) + 0.5)
    vig = 1 - 0.25 * (((xx / W - 0.5) ** 2 + (yy / H - 0.5) ** 2) * 2)
    light = (grad * vig)[..., None] * np.array([1.0, r.uniform(0.96, 1.0), r.uniform(0.88, 0.97)], np.float32)
    out = out * light
    out += nr.normal(0, 3, (H, W))[..., None]
    out = cv2.GaussianBlur(out, (0, 0), r.uniform(0.6, 1.1))
    return _pil(out), int(round(300 * scale))


def apply(pages, doc, r, nr):
    """Degrade pages by doc.capture; updates doc.dpi. Returns the output images."""
    out = []
    colour = doc.copy != 'bw'
    for im in pages:
        if 'photocopy' in doc.capture and not doc.opts.get('pre_copy'):
            im = photocopy(im, r, nr, colour)
        if 'dpi200' in doc.capture:
            im = downscale(im, 200)
        elif 'dpi150' in doc.capture:
            im = downscale(im, 150)
        if 'skew' in doc.capture:
            im, _ = skew(im, r, doc.opts.get('max_skew', 5.0))
        if 'noise' in doc.capture:
            im = noise(im, r, nr)
        if 'phone' in doc.capture:
            im, dpi = phone_photo(im, r, nr)
            doc.dpi = dpi
        if 'rotated' in doc.capture:
            im = im.rotate(doc.opts.get('rotation', 90), expand=True)
        if not colour:
            im = ImageOps.grayscale(im)
        out.append(im)
    if 'dpi200' in doc.capture:
        doc.dpi = 200
    elif 'dpi150' in doc.capture:
        doc.dpi = 150
    return out


# ------------------------------------------------------------------------------------------
# writing

def _palette(im, colours=16):
    """Indexed colour, as a scanner's 'document' colour mode saves it: small and sharp.
    Grey pages keep 16 grey levels."""
    if im.mode == 'L' or _is_grey(im):
        return im.convert('L').point(lambda v: min(255, (v // 16) * 17))
    return im.convert('RGB').quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def save(images, path, fmt, dpi, quality=85, compact=False):
    dpi_t = (dpi, dpi)
    if fmt == 'jpg':
        images[0].save(path, 'JPEG', quality=quality, dpi=dpi_t, optimize=True)
    elif fmt == 'png':
        im = images[0]
        if compact:
            im = _palette(im)
        elif im.mode == 'RGB' and _is_grey(im):
            im = im.convert('L')
        im.save(path, 'PNG', dpi=dpi_t, optimize=True)
    elif fmt == 'tif':
        ims = [(_palette(i) if compact else (_to_l(i) if _is_grey(i) else i)) for i in images]
        comp = 'tiff_lzw' if ims[0].mode in ('L', 'P') else 'jpeg'
        if compact:
            comp = 'tiff_adobe_deflate'
        kw = {'compression': comp, 'dpi': dpi_t}
        if comp == 'jpeg':
            kw['quality'] = quality
        ims[0].save(path, 'TIFF', save_all=True, append_images=ims[1:], **kw)
    elif fmt == 'pdf':
        data = pdf_bytes(images, dpi, quality, palette=compact)
        with open(path, 'wb') as fh:
            fh.write(data)
    else:
        raise ValueError(fmt)


def _is_grey(im):
    if im.mode == 'L':
        return True
    a = np.asarray(im.resize((im.width // 8, im.height // 8)), np.int16)
    return int(np.abs(a[..., 0] - a[..., 1]).max()) <= 3 and int(np.abs(a[..., 1] - a[..., 2]).max()) <= 3


def _to_l(im):
    return im.convert('L')


def _jpeg(im, quality):
    buf = io.BytesIO()
    if _is_grey(im):
        im = im.convert('L')
    im.save(buf, 'JPEG', quality=quality)
    return buf.getvalue(), im


def pdf_bytes(images, dpi, quality=85, encrypt_user_pw=None, palette=False):
    """An image-only PDF, one JPEG per page sized by `dpi`; optionally encrypted with a user
    password (standard security handler, RC4 40-bit, revision 2)."""
    objs = {}
    n_pages = len(images)
    kids = []
    nxt = 3
    for im in images:
        w_pt, h_pt = im.width * 72.0 / dpi, im.height * 72.0 / dpi
        page_id, img_id, cont_id = nxt, nxt + 1, nxt + 2
        nxt += 3
        if palette:
            # indexed colour, Flate-compressed (lossless, small for scanned text)
            p = _palette(im)
            if p.mode == 'L':
                cs = '/DeviceGray'
            else:
                pal = bytes(p.getpalette()[:3 * 256])
                n = max(p.getdata()) + 1 if False else len(pal) // 3
                cs = '[/Indexed /DeviceRGB %d <%s>]' % (n - 1, pal.hex())
            data = zlib.compress(p.tobytes(), 9)
            objs[img_id] = ('<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /FlateDecode /Length %%d >>'
                            % (im.width, im.height, cs.replace('%', '%%')), data)
        else:
            data, im2 = _jpeg(im, quality)
            cs = '/DeviceGray' if im2.mode == 'L' else '/DeviceRGB'
            objs[img_id] = ('<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %%d >>'
                            % (im.width, im.height, cs), data)
        content = ('q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q' % (w_pt, h_pt)).encode()
        objs[cont_id] = ('<< /Length %d >>', content)
        objs[page_id] = ('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>'
                         % (w_pt, h_pt, img_id, cont_id), None)
        kids.append(page_id)
    objs[1] = ('<< /Type /Catalog /Pages 2 0 R >>', None)
    objs[2] = ('<< /Type /Pages /Kids [%s] /Count %d >>' % (' '.join('%d 0 R' % k for k in kids), n_pages), None)
    file_id = hashlib.md5(b''.join(objs[k][1] or b'' for k in sorted(objs) if objs[k][1])[:4096] + str(n_pages).encode()).digest()
    enc = None
    if encrypt_user_pw is not None:
        enc_id = nxt
        nxt += 1
        O, U, key, P = _rc4_security(encrypt_user_pw.encode(), b'owner-' + file_id.hex().encode(), file_id)
        objs[enc_id] = ('<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>' % (O.hex(), U.hex(), P), None)
        enc = (key, enc_id)
    out = io.BytesIO()
    out.write(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = {}
    for num in sorted(objs):
        head, stream = objs[num]
        offsets[num] = out.tell()
        if stream is not None and enc and num != enc[1]:
            k = hashlib.md5(enc[0] + num.to_bytes(3, 'little') + (0).to_bytes(2, 'little')).digest()[:10]
            stream = _rc4(k, stream)
        if stream is not None:
            out.write(b'%d 0 obj\n' % num + (head % len(stream)).encode() + b'\nstream\n' + stream + b'\nendstream\nendobj\n')
        else:
            out.write(b'%d 0 obj\n' % num + head.encode() + b'\nendobj\n')
    xref = out.tell()
    size = max(objs) + 1
    out.write(b'xref\n0 %d\n0000000000 65535 f \n' % size)
    for num in range(1, size):
        out.write(b'%010d 00000 n \n' % offsets[num])
    trailer = '<< /Size %d /Root 1 0 R /ID [<%s> <%s>]' % (size, file_id.hex(), file_id.hex())
    if enc:
        trailer += ' /Encrypt %d 0 R' % enc[1]
    out.write(b'trailer\n' + trailer.encode() + b' >>\nstartxref\n%d\n%%%%EOF\n' % xref)
    return out.getvalue()


_PAD = bytes.fromhex('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A')


def _rc4(key, data):
    S = list(range(256))
    j = 0
    for i in range(256):
        j = (j + S[i] + key[i % len(key)]) & 255
        S[i], S[j] = S[j], S[i]
    out = bytearray(len(data))
    i = j = 0
    for n, b in enumerate(data):
        i = (i + 1) & 255
        j = (j + S[i]) & 255
        S[i], S[j] = S[j], S[i]
        out[n] = b ^ S[(S[i] + S[j]) & 255]
    return bytes(out)


def _rc4_security(user_pw, owner_pw, file_id):
    def pad(pw):
        return (pw + _PAD)[:32]
    okey = hashlib.md5(pad(owner_pw)).digest()[:5]
    O = _rc4(okey, pad(user_pw))
    P = -44  # print and copy denied
    key = hashlib.md5(pad(user_pw) + O + (P & 0xffffffff).to_bytes(4, 'little') + file_id).digest()[:5]
    U = _rc4(key, _PAD)
    return O, U, key, P


def write_unreadable(images, path, fmt, mode, dpi, r):
    """A file standing for a material that cannot be opened."""
    if mode == 'zero':
        open(path, 'wb').close()
        return
    if mode == 'encrypted':
        with open(path, 'wb') as fh:
            fh.write(pdf_bytes(images, dpi, 70, encrypt_user_pw='%06d' % r.randint(0, 999999)))
        return
    if fmt == 'pdf':
        data = pdf_bytes(images, dpi, 70)
    else:
        tmp = io.BytesIO()
        if fmt == 'jpg':
            images[0].save(tmp, 'JPEG', quality=80)
        elif fmt == 'png':
            images[0].convert('L').save(tmp, 'PNG')
        else:
            images[0].convert('L').save(tmp, 'TIFF', compression='tiff_lzw')
        data = tmp.getvalue()
    if mode == 'truncated':
        data = data[:int(len(data) * r.uniform(0.25, 0.6))]
    elif mode == 'garbage':
        # header survives, the body is overwritten
        keep = 64
        body = bytes(r.getrandbits(8) for _ in range(min(len(data) - keep, 40000)))
        data = data[:keep] + body
    with open(path, 'wb') as fh:
        fh.write(data)
