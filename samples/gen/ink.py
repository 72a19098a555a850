"""Laying ink (seals, handwriting) over a page image."""
import numpy as np
from PIL import Image


def composite(page, alpha, colour, x, y):
    """Multiply-blend an ink alpha mask with its top-left corner at (x, y) onto a PIL RGB page."""
    H, W = alpha.shape
    x, y = int(round(x)), int(round(y))
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(page.width, x + W), min(page.height, y + H)
    if x1 <= x0 or y1 <= y0:
        return
    a = alpha[y0 - y:y1 - y, x0 - x:x1 - x][..., None]
    region = np.asarray(page.crop((x0, y0, x1, y1)), np.float32)
    col = np.array(colour, np.float32) / 255.0
    out = region * (1 - a * (1 - col))
    page.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), (x0, y0))


def composite_center(page, alpha, colour, cx, cy):
    H, W = alpha.shape
    composite(page, alpha, colour, cx - W / 2, cy - H / 2)
    return [int(cx - W / 2), int(cy - H / 2), W, H]
