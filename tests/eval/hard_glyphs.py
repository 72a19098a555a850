#!/usr/bin/env python3
"""Measures which Chinese characters Tesseract misreads in clean print: the input of
scripts/render-name-glyphs.

Every character of GB 2312 (6763) is drawn between 天津 and 有限公司 in Noto Serif CJK SC and
Noto Sans CJK SC, 50 px (about 12 pt at 300 dpi), and read as one line with chi_sim+HanS by
tests/eval/read_lines.cc (compiled here with g++). Writes one line per character and font:
image, character, font, what was read.

Usage: tests/eval/hard_glyphs.py OUT.tsv [WORKDIR]

Measured 2026-12-06 (Debian's tesseract-ocr-chi-sim and -script-hans): 896 of the 3755
characters of level 1 and 2735 of the 3008 of level 2 misread in both fonts, among them
鑫 磊 盈 晟 荣 彭 崔 姜 熊 萧 贾 龚 颖 薇 of many company and person names. Takes about ten
minutes on two cores.
"""
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFont

NOTO = '/usr/share/fonts/opentype/noto/'
FONTS = {'serif': (NOTO + 'NotoSerifCJK-Regular.ttc', 2), 'sans': (NOTO + 'NotoSansCJK-Regular.ttc', 2)}


def gb2312():
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode('gb2312'))
            except UnicodeDecodeError:
                pass
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out_path = sys.argv[1]
    work = sys.argv[2] if len(sys.argv) == 3 else tempfile.mkdtemp(prefix='hard-glyphs-')
    os.makedirs(work, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    tool = os.path.join(work, 'read_lines')
    flags = subprocess.run(['pkg-config', '--cflags', '--libs', 'tesseract', 'opencv4'],
                           check=True, capture_output=True, text=True).stdout.split()
    subprocess.run(['g++', '-std=c++20', '-O2', '-w', os.path.join(here, 'read_lines.cc'), '-o', tool]
                   + flags, check=True)
    listing = []
    for name, (path, index) in FONTS.items():
        font = ImageFont.truetype(path, 50, index=index)
        for i, ch in enumerate(gb2312()):
            image = Image.new('L', (420, 90), 255)
            ImageDraw.Draw(image).text((15, 12), '天津' + ch + '有限公司', font=font, fill=0)
            p = os.path.join(work, '%s_%d.png' % (name, i))
            image.save(p, dpi=(300, 300))
            listing.append('%s\t%s\t%s' % (p, ch, name))
    with open(os.path.join(work, 'list.txt'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(listing) + '\n')
    env = dict(os.environ, OMP_THREAD_LIMIT='1')
    with open(out_path, 'w', encoding='utf-8') as f:
        subprocess.run([tool, os.path.join(work, 'list.txt'), 'chi_sim+HanS'], check=True,
                       stdout=f, env=env)


if __name__ == '__main__':
    main()
