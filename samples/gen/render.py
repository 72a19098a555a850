"""From a document plan to finished page images: lay out the material, then stamp its seals,
write its signatures and handwritten values, and turn copies grey."""
import random

import numpy as np
from PIL import ImageOps

from . import materials
from .fonts import font
from .hand import Writer
from .ink import composite_center, composite
from .seals import oval_seal, round_seal, seal_colour, serial_number, square_seal


def _centre(b):
    return b[0] + b[2] / 2, b[1] + b[3] / 2


def _seal_alpha(s, nr, r):
    if s.shape == 'oval':
        return oval_seal(s.text, s.opts_date, s.lower_text, nr, w_mm=r.uniform(40, 46), h_mm=r.uniform(27, 31))
    if s.shape == 'square':
        return square_seal(s.text, nr)
    dia = r.uniform(38, 42) if s.owner == 'applicant' else r.uniform(40, 44)
    if s.lower_text:
        dia = r.uniform(36, 40)
    return round_seal(s.text, nr, dia, lower_text=s.lower_text,
                      serial=serial_number(nr) if (s.owner == 'applicant' and r.random() < 0.35) else None,
                      fname=r.choice(['serif_bold', 'serif_bold', 'ming', 'sans_bold']))


def render_doc(doc, F, spec, r, writers):
    """Returns a list of PIL RGB pages at 300 dpi; fills in seal/signature page numbers."""
    doc.variant = doc.variant if doc.variant is not None else r.randrange(materials.VARIANTS[doc.type])
    c = materials.RENDERERS[doc.type](doc, F, r, spec)
    nr = np.random.default_rng(r.randrange(1 << 30))
    pages = c.pages

    # handwritten values first (ink sits under the seal)
    for pno, bbox, text, key, size in c.hand:
        w = writers.get('fill:' + doc.type) or writers['legal_rep']
        hw = Writer(w.seed, neat=True)
        a, ink = hw.render(text, size * 1.15, r, signature=False)
        composite(pages[pno], a, ink, bbox[0], bbox[1] + bbox[3] / 2 - a.shape[0] / 2 - size * 0.1)

    # signatures
    for g in doc.sigs:
        key = 'sig:' + g.role
        if key not in c.slots or not g.present:
            continue
        pno, b = c.slots[key]
        g.page = pno + 1
        size = c.s.size
        x = b[0] + r.uniform(0, size * 1.2)
        cy = b[1] + b[3] / 2 + r.uniform(-size * 0.3, size * 0.15)
        if not g.handwritten:
            f = font(r.choice(['kai', 'kai', 'serif']), size * r.uniform(1.0, 1.3))
            c.d = None
            from PIL import ImageDraw
            ImageDraw.Draw(pages[pno]).text((x, cy - f.size * 0.6), g.name, font=f, fill=(0, 0, 0))
            continue
        wr = writers[g.writer_seed] if g.writer_seed in writers else Writer(g.writer_seed)
        # one signer's signatures vary in scale by up to 30% and in slant by up to 15 degrees
        a, ink = wr.render(g.name, size * r.uniform(1.9, 2.4), r, signature=True, slant_var=7.5)
        composite(pages[pno], a, ink, x, cy - a.shape[0] / 2)

    # seals of the original, then (for a copy stamped afterwards) the copier, then the
    # applicant's seal on the copy
    def stamp(s):
        key = 'seal:' + s.slot
        if key not in c.slots:
            return
        pno, b = c.slots[key]
        s.page = pno + 1
        cx, cy = _centre(b)
        if b[2] >= 500 and s.owner == 'applicant' and doc.type in ('business_license', 'legal_rep_id_card', 'agent_id_card', 'annual_report_proof'):
            cx, cy = b[0] + r.uniform(0.2, 0.8) * b[2], b[1] + r.uniform(0.2, 0.8) * b[3]
        else:
            date_key = {'applicant': 'sign_date', 'authority': None, 'bank': 'paid_date', 'lessor': 'sign_date'}.get(s.owner)
            if s.owner == 'authority' and 'opinion_date' in c.anchors:
                date_key = 'opinion_date'
            if date_key and date_key in c.anchors and c.anchors[date_key][0] == pno:
                dx, dy = _centre(c.anchors[date_key][1])
                if abs(dy - cy) < 700:
                    cx, cy = (cx * 0.6 + dx * 0.4), (cy + dy) / 2
            cx += r.uniform(-90, 140)
            cy += r.uniform(-70, 90)
        a = _seal_alpha(s, nr, r)
        col = seal_colour(s.colour if s.colour != 'grey' else 'red', nr)
        composite_center(pages[pno], a, col, cx, cy)

    for s in doc.seals:
        if s.present and s.owner not in ('registry', 'applicant'):
            stamp(s)
    if doc.opts.get('pre_copy'):
        from .capture import photocopy
        pages = [photocopy(p, r, nr, False) for p in pages]
        c.pages = pages
    for s in doc.seals:
        if s.present and s.owner == 'applicant':
            stamp(s)

    # 复印件与原件一致 written on copies
    if doc.opts.get('certified_copy') and 'seal:applicant' in c.slots:
        pno, b = c.slots['seal:applicant']
        wr = writers['legal_rep']
        a, ink = Writer(wr.seed, neat=True).render(doc.opts['certified_copy'], c.s.size * 1.6, r, signature=False)
        composite(pages[pno], a, ink, b[0] + r.uniform(0, 200), b[1] + b[3] * 0.75)

    if doc.copy == 'bw':
        pages = [ImageOps.grayscale(p).convert('RGB') for p in pages]
    doc.pages = list(range(1, len(pages) + 1)) if not doc.bundle else doc.pages
    return pages
