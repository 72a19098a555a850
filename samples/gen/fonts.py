"""Font catalogue: the Debian CJK fonts the generator draws with, cached by size."""
import os
from PIL import ImageFont

NOTO = '/usr/share/fonts/opentype/noto/'
ARPHIC = '/usr/share/fonts/truetype/arphic/'
WQY = '/usr/share/fonts/truetype/wqy/'

# name -> (path, ttc index)
FONTS = {
    'sans': (NOTO + 'NotoSansCJK-Regular.ttc', 2),
    'sans_bold': (NOTO + 'NotoSansCJK-Bold.ttc', 2),
    'serif': (NOTO + 'NotoSerifCJK-Regular.ttc', 2),
    'serif_bold': (NOTO + 'NotoSerifCJK-Bold.ttc', 2),
    'ming': (ARPHIC + 'uming.ttc', 0),
    'kai': (ARPHIC + 'ukai.ttc', 0),
    'zenhei': (WQY + 'wqy-zenhei.ttc', 0),
    'microhei': (WQY + 'wqy-microhei.ttc', 0),
}

# Body fonts used for printed forms, and fonts good for titles.
BODY_FONTS = ['serif', 'sans', 'ming', 'zenhei', 'microhei', 'kai']
BODY_WEIGHTS = [30, 26, 14, 12, 12, 6]
TITLE_FONTS = {'serif': 'serif_bold', 'sans': 'sans_bold', 'ming': 'serif_bold',
               'zenhei': 'zenhei', 'microhei': 'sans_bold', 'kai': 'sans_bold'}

_cache = {}


def font(name, px):
    px = int(round(px))
    key = (name, px)
    f = _cache.get(key)
    if f is None:
        path, idx = FONTS[name]
        f = ImageFont.truetype(path, px, index=idx)
        _cache[key] = f
    return f


def pt(points, dpi=300):
    """Point size to pixels at `dpi`."""
    return points * dpi / 72.0


def check_fonts():
    missing = [p for p, _ in FONTS.values() if not os.path.exists(p)]
    return missing
