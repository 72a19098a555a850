#!/usr/bin/env python3
"""End-to-end cases: run the precheck command on real inputs and check its JSON.

Usage: e2e.py CASE --precheck PATH [--shared DIR] [--source DIR]
Each case is a function below; CTest runs each one as its own test. Inputs come from the
repository's samples/ and from the shared cases folder beside the repository (skipped,
with exit code 77, when that folder is absent).
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
AS_OF = "2025-06-30"
CHECKED_CODES = ("DOC_UNREADABLE,DOC_UNRECOGNIZED,DOC_MISSING,FIELD_EMPTY,DATE_INVALID,"
                 "FIELD_INVALID")


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def run(args, precheck, check_exit=None):
    proc = subprocess.run([precheck] + args, capture_output=True, text=True, timeout=1800)
    if check_exit is not None and proc.returncode not in check_exit:
        raise Failure(f"precheck {' '.join(args)} exited {proc.returncode}\n{proc.stderr}")
    return proc


def check_json(paths, precheck, extra=()):
    proc = run(["check", *paths, "--format", "json", "--as-of", AS_OF, *extra], precheck,
               check_exit=(0, 1))
    return json.loads(proc.stdout)


def html_figures(html, submission=None):
    """The HTML report's page figures (of one submission's section when given): (caption,
    picture path, defect rects, seal ellipses)."""
    import re
    import urllib.parse
    text = open(html, encoding="utf-8").read()
    body = text
    if submission is not None:
        sections = re.split(r'<h2 id="s\d+">', text)[1:]
        body = next(sec for sec in sections if sec.startswith(submission + " "))
    out = []
    for fig in re.findall(r"<figure>(.*?)</figure>", body, re.S):
        caption = re.search(r"<figcaption>(.*?)</figcaption>", fig).group(1)
        href = urllib.parse.unquote(re.search(r'<image href="([^"]+)"', fig).group(1))
        rects = [tuple(map(int, m)) for m in re.findall(
            r'<rect class="defect \w+" x="(-?\d+)" y="(-?\d+)" width="(\d+)" height="(\d+)"', fig)]
        seals = len(re.findall(r'<ellipse class="seal"', fig))
        out.append((caption, os.path.join(os.path.dirname(html), href), rects, seals))
    return text, out


def check_html(html, report):
    """The HTML report names every submission and lists every defect; each page read has
    its picture, and each defect with a place is outlined on the picture of its page."""
    from html.parser import HTMLParser
    text, figures = html_figures(html)
    HTMLParser().feed(text)
    for sub in report["submissions"]:
        expect(sub["id"] in text, f"{sub['id']} missing from the HTML report")
    defects = [d for s in report["submissions"] for d in s["defects"]]
    rows = text.count('<tr class="error">') + text.count('<tr class="warning">')
    expect(rows == len(defects), f"{rows} defect rows for {len(defects)} defects")
    pages = sum(len(d["pages"]) for s in report["submissions"] for d in s["documents"])
    expect(len(figures) == pages, f"{len(figures)} page pictures for {pages} pages read")
    for caption, path, _, _ in figures:
        expect(os.path.getsize(path) > 1000, f"{caption}: picture {path} missing or empty")
    placed = [d for d in defects if d.get("bbox")]
    outlined = {r for _, _, rects, _ in figures for r in rects}
    for d in placed:
        expect(tuple(d["bbox"]) in outlined, f"{d['code']} at {d['bbox']} not outlined")
    seals = sum(len(d["seals"]) for s in report["submissions"] for d in s["documents"])
    expect(sum(f[3] for f in figures) == seals, "not every seal is drawn")


def case_samples(ctx):
    """Every committed sample submission reports exactly its expected defects (the codes the
    checker implements; REVIEW_NEEDED warnings are counted apart) and every material is
    recognised."""
    root = os.path.join(ctx.source, "samples", "submissions")
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        xlsx = os.path.join(tmp, "report.xlsx")
        html = os.path.join(tmp, "report.html")
        run(["batch", root, "--json", report, "--xlsx", xlsx, "--html", html, "--as-of", AS_OF,
             "-j", "2"], ctx.precheck, check_exit=(0, 1))
        expect(os.path.getsize(xlsx) > 0, "no workbook written")
        check_html(html, json.load(open(report, encoding="utf-8")))
        evaluate = os.path.join(ctx.source, "tests", "eval", "evaluate.py")
        proc = subprocess.run([sys.executable, evaluate, os.path.join(ctx.source, "samples", "expected.json"),
                               report, "--codes", CHECKED_CODES, "--min-precision", "1",
                               "--min-recall", "1", "--min-classification", "1"], capture_output=True, text=True)
        print(proc.stdout)
        expect(proc.returncode == 0, "samples differ from their expected defects:\n" +
               proc.stdout + proc.stderr)


def case_bad_files(ctx):
    """Each broken file is DOC_UNREADABLE with a reason; the rest of the submission is read."""
    bad = os.path.join(ctx.shared, "cases", "bad")
    unreadable = ["b20_zero_bytes.jpg", "b20_truncated.jpg", "b21_user_password.pdf",
                  "b24_truncated.pdf", "b07_bomb_1bit_40k.png"]
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.path.join(tmp, "sub")
        os.mkdir(sub)
        for name in unreadable + ["b20_pdf_named_as.jpg", "b21_owner_only.pdf",
                                  "b19_multipage_ok.tif"]:
            shutil.copy(os.path.join(bad, name), sub)
        report = check_json([sub], ctx.precheck)
        s = report["submissions"][0]
        defects = {d["file"]: d for d in s["defects"] if d["code"] == "DOC_UNREADABLE"}
        for name in unreadable:
            expect(name in defects, f"{name}: no DOC_UNREADABLE ({sorted(defects)})")
            d = defects[name]
            expect(d["severity"] == "error", f"{name}: severity {d['severity']}")
            expect(d["message"] and d["evidence"].get("reason"), f"{name}: no reason given")
        read_files = {doc["file"] for doc in s["documents"]}
        for name in ["b20_pdf_named_as.jpg", "b21_owner_only.pdf", "b19_multipage_ok.tif"]:
            expect(name in read_files, f"{name} was not read: {sorted(read_files)}")
        tif_pages = sorted(p for doc in s["documents"] if doc["file"] == "b19_multipage_ok.tif"
                           for p in doc["pages"])
        expect(tif_pages == [1, 2, 3], f"b19 pages {tif_pages}")

    # File names: GBK bytes (a Chinese Windows archive) are decoded; a newline in a name
    # cannot forge a line of the text report.
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.fsencode(os.path.join(tmp, "sub"))
        os.mkdir(sub)
        for name in ["申请表.pdf".encode("gbk"), b"evil\nERROR FAKE.pdf"]:
            open(os.path.join(sub, name), "wb").close()
        # A note is a warning beside the scans, an error when named as one.
        for name in [b"notes.txt", b"notes.pdf"]:
            with open(os.path.join(sub, name), "w") as f:
                f.write("a note from the applicant, not a scan at all\n")
        report = check_json([os.fsdecode(sub)], ctx.precheck)
        files = {d["file"] for d in report["submissions"][0]["defects"]}
        expect("申请表.pdf" in files, f"GBK name not decoded: {files}")
        expect("evil\\nERROR FAKE.pdf" in files, f"newline name: {files}")
        severity = {d["file"]: d["severity"] for d in report["submissions"][0]["defects"]}
        expect(severity.get("notes.txt") == "warning" and severity.get("notes.pdf") == "error",
               f"notes: {severity}")
        text = run(["check", os.fsdecode(sub), "--as-of", AS_OF], ctx.precheck).stdout
        expect(not any(line.startswith("ERROR FAKE") for line in text.splitlines()),
               "a file name forged a report line")

    # An unreadable file is taken for the material its name points to (a template's titles,
    # name or file_names), so that material is not reported missing as well; a name shared
    # by two materials (承诺书, 身份证) covers both but is attributed to neither.
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["缴款凭证.pdf", "承诺书.jpg", "身份证.jpg"]:
            open(os.path.join(tmp, name), "wb").close()
        report = check_json([tmp], ctx.precheck, ["--domain", "admin_penalty"])
        defects = report["submissions"][0]["defects"]
        named = {d["file"]: d.get("document") for d in defects if d["code"] == "DOC_UNREADABLE"}
        expect(named == {"缴款凭证.pdf": "fine_payment_receipt", "承诺书.jpg": None,
                         "身份证.jpg": None}, f"unreadable files attributed as {named}")
        missing = sorted(d["document"] for d in defects if d["code"] == "DOC_MISSING")
        for material in ["fine_payment_receipt", "credit_commitment_letter", "legal_rep_id_card"]:
            expect(material not in missing, f"{material} reported missing beside its file")
        expect("business_license" in missing, f"DOC_MISSING {missing}")
    # Letters in any case and a material's id count; a note or an archive named as a
    # material (营业执照.docx) is a warning and the material is still missing.
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["Business_License.JPG", "legal_rep_id_card.pdf"]:
            open(os.path.join(tmp, name), "wb").close()
        report = check_json([tmp], ctx.precheck, ["--domain", "admin_penalty"])
        defects = report["submissions"][0]["defects"]
        named = {d["file"]: d.get("document") for d in defects if d["code"] == "DOC_UNREADABLE"}
        expect(named == {"Business_License.JPG": "business_license",
                         "legal_rep_id_card.pdf": "legal_rep_id_card"}, f"attributed as {named}")
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "营业执照.docx"), "wb") as f:
            f.write(b"PK\x03\x04 not a scan")
        report = check_json([tmp], ctx.precheck, ["--domain", "admin_penalty"])
        missing = [d["document"] for d in report["submissions"][0]["defects"]
                   if d["code"] == "DOC_MISSING"]
        expect("business_license" in missing, f"a .docx licence hid the missing one: {missing}")
    # An unreadable application form: the domain is unknown, but the form is not missing.
    with tempfile.TemporaryDirectory() as tmp:
        open(os.path.join(tmp, "申请表.pdf"), "wb").close()
        shutil.copy(os.path.join(ctx.source, "samples", "submissions", "sub-0001",
                                 "信用修复承诺书.png"), tmp)
        report = check_json([tmp], ctx.precheck)
        codes = sorted(d["code"] for d in report["submissions"][0]["defects"])
        expect(codes == ["DOC_UNREADABLE"], f"an unreadable form gave {codes}")


def inspect_text(ctx, name):
    path = os.path.join(ctx.shared, "cases", "bad", name)
    proc = run(["inspect", path, "--json"], ctx.precheck, check_exit=(0, 1))
    data = json.loads(proc.stdout)
    return "\n".join(l["text"] for p in data["pages"] for l in p["lines"])


def case_pdf_named_as_jpg(ctx):
    """A PDF saved under a .jpg name is read as a PDF and its text found."""
    text = inspect_text(ctx, "b20_pdf_named_as.jpg")
    expect("示例科技有限公司" in text, f"company name not read: {text!r}")


def case_chinese_without_spaces(ctx):
    """Chinese text comes out without spaces between the characters."""
    text = inspect_text(ctx, "b01_zh_line.png")
    han = lambda c: "\u4e00" <= c <= "\u9fff"
    expect(any(han(c) for c in text), f"no Chinese read: {text!r}")
    for i in range(1, len(text) - 1):
        expect(not (text[i] == " " and han(text[i - 1]) and han(text[i + 1])),
               f"space between Chinese characters: {text!r}")


def case_transparent_png(ctx):
    """A transparent PNG whose hidden colour is black is composited on white and read."""
    text = inspect_text(ctx, "b18_rgba_black_under_alpha.png")
    expect("签字确认" in text, f"签字确认 not read: {text!r}")


def case_real_unrecognized(ctx):
    """Real scans that are none of the materials are reported unrecognised, never forced."""
    real = os.path.join(ctx.shared, "cases", "real")
    paths = sorted(os.path.join(real, f) for f in os.listdir(real))
    report = check_json(paths, ctx.precheck)
    for s in report["submissions"]:
        for doc in s["documents"]:
            expect(doc["type"] == "unrecognized", f"{s['id']}: typed {doc['type']}")


def case_real_signatures(ctx):
    """An unrecognised document lists the handwritten signatures it carries, and only those:
    the form's signature by its printed cue and the one in the column headed "Signature",
    the letters' signatures under their text (one over a stamp), a scribble on a signature
    line; no signature where the handwriting is captions under seals, or where there is
    none."""
    real = os.path.join(ctx.shared, "cases", "real")
    names = ["form-signatures.jpg", "letter-signatures.jpg", "letter-blue-stamp.pdf",
             "seals-three-kinds.jpg", "invoice-oval-seal.png", "seal-company-round.png"]
    report = check_json([os.path.join(real, n) for n in names], ctx.precheck)
    found = {}
    for s in report["submissions"]:
        for doc in s["documents"]:
            expect(doc["type"] == "unrecognized", f"{doc['file']}: typed {doc['type']}")
            found.setdefault(doc["file"], []).extend(doc["signatures"])
    for name, signatures in found.items():
        for g in signatures:
            expect(g["role"] == "unknown" and g["present"] and g["handwritten"] and
                   0.5 <= g["confidence"] <= 1 and g["page"] == 1, f"{name}: {g}")
    boxes = lambda name: [g["bbox"] for g in found.get(name, [])]
    # The form (2504 x 3229): right of "Signature:" on its line (y about 1370), and under
    # the table's "Immunizer's Signature" header (x about 1720-2070).
    form = boxes("form-signatures.jpg")
    expect(len(form) == 2, f"form-signatures.jpg: {form}")
    expect(any(b[0] > 870 and b[1] < 1400 < b[1] + b[3] for b in form), f"form, by the cue: {form}")
    expect(any(1700 < b[0] + b[2] / 2 < 2100 and b[1] > 1500 for b in form),
           f"form, in the signature column: {form}")
    # The Turkish letter (1704 x 2400): three signatures, all in its lower half.
    letter = boxes("letter-signatures.jpg")
    expect(len(letter) == 3 and all(b[1] + b[3] / 2 > 1200 for b in letter), f"letter: {letter}")
    # The Vietnamese letter (2524 x 3537): the signature over the stamp, bottom right.
    stamp = boxes("letter-blue-stamp.pdf")
    expect(len(stamp) == 1 and stamp[0][0] + stamp[0][2] / 2 > 1262 and stamp[0][1] > 2650,
           f"letter-blue-stamp.pdf: {stamp}")
    for name in ("seals-three-kinds.jpg", "invoice-oval-seal.png", "seal-company-round.png"):
        expect(not boxes(name), f"{name}: signatures reported: {boxes(name)}")
    # A signature line (乙方签字：) with a scribble on it is signed; with none, not.
    bad = os.path.join(ctx.shared, "cases", "bad")
    for name, count in (("b15_sig_real.png", 1), ("b15_sig_empty_line.png", 0)):
        page = json.loads(run(["inspect", os.path.join(bad, name), "--json"], ctx.precheck,
                              check_exit=(0, 1)).stdout)["pages"][0]
        expect(len(page["signatures"]) == count, f"{name}: {page['signatures']}")


def case_seals(ctx):
    """Seals are found with their colour and shape, their ink does not hide the text under
    them, and pages without a seal report none; unrecognised documents still list seals."""
    def inspect(folder, name):
        path = os.path.join(ctx.shared, "cases", folder, name)
        return json.loads(run(["inspect", path, "--json"], ctx.precheck, check_exit=(0, 1)).stdout)

    for name, colour in (("b12_stamp_over_text.png", "red"), ("b14_seal_blue.png", "blue")):
        page = inspect("bad", name)["pages"][0]
        seals = page["seals"]
        expect(len(seals) == 1, f"{name}: {len(seals)} seals")
        expect(seals[0]["color"] == colour and seals[0]["shape"] == "round", f"{name}: {seals[0]}")
        text = "".join(l["text"] for l in page["lines"])
        expect("示例科技有限公司" in text and "2024年5月20日" in text, f"{name}: text under the seal: {text!r}")
    for name in ("form-signatures.jpg", "letter-signatures.jpg"):
        seals = inspect("real", name)["pages"][0]["seals"]
        expect(not seals, f"{name}: seals reported on a page without one: {seals}")
    report = check_json([os.path.join(ctx.shared, "cases", "real", "seal-company-round.png")],
                        ctx.precheck)
    docs = report["submissions"][0]["documents"]
    expect(docs and docs[0]["type"] == "unrecognized" and len(docs[0]["seals"]) == 1,
           f"the unrecognised page does not list its seal: {docs}")


def case_exit_codes(ctx):
    """Bad arguments and unknown paths exit 2; the batch goes on past a broken file."""
    proc = run(["check", "/nonexistent/submission"], ctx.precheck)
    expect(proc.returncode == 2, f"missing path exited {proc.returncode}")
    proc = run(["check", "--as-of", "2025-13-45", "."], ctx.precheck)
    expect(proc.returncode == 2, f"bad --as-of exited {proc.returncode}")
    proc = run(["frobnicate"], ctx.precheck)
    expect(proc.returncode != 0, "unknown subcommand accepted")
    proc = run(["--json", "out.json", "."], ctx.precheck)
    expect(proc.returncode == 2 and
           proc.stderr.startswith("precheck: error: unknown option '--json': a command comes"),
           f"option before the command: {proc.stderr}")
    # Every error reads "precheck: error: ...", usage errors with the help that applies.
    proc = run(["check", "--severity", "heavy", "."], ctx.precheck)
    expect(proc.returncode == 2 and proc.stderr.startswith("precheck: error: --severity") and
           "(see precheck check --help)" in proc.stderr, f"usage error: {proc.stderr}")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(ctx.source, "templates"), os.path.join(tmp, "templates"))
        shutil.copytree(os.path.join(ctx.source, "rules"), os.path.join(tmp, "rules"))
        with open(os.path.join(tmp, "templates", "power_of_attorney.yaml"), "a",
                  encoding="utf-8") as f:
            f.write("titels: [x]\n")
        proc = run(["templates", "--data", tmp], ctx.precheck)
        lines = proc.stderr.splitlines()
        expect(proc.returncode == 2 and lines[0].startswith("precheck: error: ") and
               "unknown key 'titels'" in proc.stderr, f"catalog error: {proc.stderr}")
    # A file given beside the folder that holds it is checked with that folder only.
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.path.join(tmp, "sub")
        os.makedirs(sub)
        scan = os.path.join(sub, "scan.png")
        shutil.copy(os.path.join(ctx.shared, "cases", "bad", "b01_zh_line.png"), scan)
        proc = run(["check", scan, sub, "--format", "json", "--as-of", AS_OF], ctx.precheck,
                   check_exit=(0, 1))
        report = json.loads(proc.stdout)
        expect(len(report["submissions"]) == 1,
               f"{len(report['submissions'])} submissions for one folder and a file in it")
        expect("checked with that folder" in proc.stderr, f"no warning: {proc.stderr}")
        # A key given twice in submission.yaml: the first stands, with a warning.
        with open(os.path.join(sub, "submission.yaml"), "w", encoding="utf-8") as f:
            f.write("domain: admin_penalty\ndomain: serious_list\n")
        proc = run(["check", sub, "--format", "json", "--as-of", AS_OF], ctx.precheck,
                   check_exit=(0, 1))
        report = json.loads(proc.stdout)
        expect(report["submissions"][0]["domain"] == "admin_penalty" and
               "键“domain”重复（第1行已有）" in proc.stderr,
               f"duplicate key: {report['submissions'][0]['domain']} / {proc.stderr}")


def copy_data(ctx, tmp, template):
    """Copies the shipped templates and rules into `tmp`; returns the path and text of one
    template there."""
    shutil.copytree(os.path.join(ctx.source, "templates"), os.path.join(tmp, "templates"))
    shutil.copytree(os.path.join(ctx.source, "rules"), os.path.join(tmp, "rules"))
    path = os.path.join(tmp, "templates", template)
    with open(path, encoding="utf-8") as f:
        return path, f.read()


def case_lint(ctx):
    """lint reports every problem of a broken template with file:line:col and a suggestion."""
    with tempfile.TemporaryDirectory() as tmp:
        path, text = copy_data(ctx, tmp, "power_of_attorney.yaml")
        text = text.replace("titles:", "titels:", 1).replace("type: phone", "type: phon", 1)
        text = text.replace("issuer: applicant", "issuer: applicant\nname: 重复", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        rules = os.path.join(tmp, "rules", "admin_penalty.yaml")
        with open(rules, encoding="utf-8") as f:
            text = f.read()
        with open(rules, "w", encoding="utf-8") as f:
            f.write(text.replace("[business_license,", "[business_licence,", 1))
        proc = run(["lint", tmp], ctx.precheck)
        expect(proc.returncode == 2, f"lint exited {proc.returncode}")
        err = proc.stderr
        expect("power_of_attorney.yaml:8:1: error: unknown key 'titels'" in err and
               "did you mean 'titles'" in err, f"misspelt key not reported: {err}")
        expect("did you mean 'phone'" in err, f"misspelt type not reported: {err}")
        expect("key 'name' appears twice" in err, f"duplicate key not reported: {err}")
        expect("admin_penalty.yaml:6:12: error: required names unknown material "
               "'business_licence' (did you mean 'business_license'?)" in err,
               f"unknown material in a rule set not placed: {err}")
        proc = run(["lint", os.path.join(ctx.source)], ctx.precheck)
        expect(proc.returncode == 0, f"shipped templates do not lint clean: {proc.stderr}")
        # --data names the folder as it does for the other commands; DIR and --data must agree.
        proc = run(["lint", "--data", tmp], ctx.precheck)
        expect(proc.returncode == 2 and "did you mean 'titles'" in proc.stderr,
               f"lint --data does not lint the folder: {proc.returncode} {proc.stderr}")
        proc = run(["lint", ctx.source, "--data", os.path.join(ctx.source, "")], ctx.precheck)
        expect(proc.returncode == 0, f"lint DIR --data DIR/ refused: {proc.stderr}")
        proc = run(["lint", tmp, "--data", ctx.source], ctx.precheck)
        expect(proc.returncode == 2 and proc.stderr.startswith("precheck: error: ") and
               "different folders" in proc.stderr,
               f"lint DIR --data OTHER accepted: {proc.returncode} {proc.stderr}")
    # A folder that does not exist is one error, said as the command's others are.
    proc = run(["lint", "/nonexistent/precheck-data"], ctx.precheck)
    expect(proc.returncode == 2 and
           proc.stderr == "precheck: error: /nonexistent/precheck-data: no such folder\n",
           f"lint of a missing folder: {proc.returncode} {proc.stderr}")
    # A broken template is reported once, at itself, even when its file is named otherwise
    # than its material: the rule sets and facts that name the material say nothing of it.
    with tempfile.TemporaryDirectory() as tmp:
        path, text = copy_data(ctx, tmp, "power_of_attorney.yaml")
        os.remove(path)
        with open(os.path.join(tmp, "templates", "poa.yaml"), "w", encoding="utf-8") as f:
            f.write(text.replace("type: company, required: true}", "type: company", 1))
        proc = run(["lint", tmp], ctx.precheck)
        errors = [line for line in proc.stderr.splitlines() if ": error: " in line]
        expect(proc.returncode == 2 and len(errors) == 1 and "poa.yaml:" in errors[0],
               f"a broken template is not reported once: {proc.stderr}")

NEW_MATERIAL = """\
# 无欠税证明: a material added by a rule author, with no change to the code.
id: tax_clearance_certificate
name: 无欠税证明
issuer: authority
titles: [无欠税证明]
fields:
  - {key: company_name, label: 纳税人名称, type: company, required: true}
  - {key: uscc, label: 纳税人识别号, type: uscc, required: true}
  - {key: sign_date, caption: 开具日期, type: date, required: true, locate: last}
clauses: [未发现有欠税情形]
"""

NEW_DOMAIN = """\
# 纳税信用修复: a fourth domain, from YAML only.
id: tax_credit
name: 纳税信用修复
required: [tax_clearance_certificate, business_license, credit_commitment_letter]
decided_by: [tax_clearance_certificate]
application: credit_commitment_letter
"""

RENDER_PAGE = r"""
import sys
from PIL import Image, ImageDraw, ImageFont
font = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
page = Image.new("L", (2480, 3508), 255)
draw = ImageDraw.Draw(page)
draw.text((900, 300), "无欠税证明", font=ImageFont.truetype(font, 100), fill=0)
body = ImageFont.truetype(font, 56)
lines = ["纳税人名称：天津市河西区信达装饰工程有限公司",
         "纳税人识别号：91120103MA05L5YW2F",
         "经查询税收征管信息系统，截至开具日期，",
         "未发现有欠税情形。",
         "国家税务总局天津市河西区税务局",
         "2025年3月12日"]
for i, text in enumerate(lines):
    draw.text((300 if i < 4 else 1200, 600 + i * 140 + (600 if i >= 4 else 0)), text,
              font=body, fill=0)
page.save(sys.argv[1], dpi=(300, 300))
"""


def case_yaml_extension(ctx):
    """A 20th material and a 4th domain added as YAML only are linted, recognised and checked."""
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        shutil.copytree(os.path.join(ctx.source, "templates"), os.path.join(data, "templates"))
        shutil.copytree(os.path.join(ctx.source, "rules"), os.path.join(data, "rules"))
        with open(os.path.join(data, "templates", "tax_clearance_certificate.yaml"), "w",
                  encoding="utf-8") as f:
            f.write(NEW_MATERIAL)
        with open(os.path.join(data, "rules", "tax_credit.yaml"), "w", encoding="utf-8") as f:
            f.write(NEW_DOMAIN)
        proc = run(["lint", data], ctx.precheck)
        expect(proc.returncode == 0, f"the extended catalog does not lint clean: {proc.stderr}")
        proc = run(["templates", "--data", data], ctx.precheck, check_exit=(0,))
        expect("tax_clearance_certificate" in proc.stdout and "tax_credit" in proc.stdout,
               f"templates does not list the new material and domain: {proc.stdout}")

        sub = os.path.join(tmp, "submission")
        os.makedirs(sub)
        page = os.path.join(sub, "证明.png")
        subprocess.run(["/usr/bin/python3", "-c", RENDER_PAGE, page], check=True)
        report = check_json([sub], ctx.precheck, ["--data", data])
        s = report["submissions"][0]
        docs = s["documents"]
        expect(len(docs) == 1 and docs[0]["type"] == "tax_clearance_certificate",
               f"the new material is not recognised: {[d['type'] for d in docs]}")
        fields = docs[0]["fields"]
        expect(fields["company_name"]["value"] == "天津市河西区信达装饰工程有限公司",
               f"company_name read as {fields['company_name']}")
        expect(fields["uscc"]["value"] == "91120103MA05L5YW2F", f"uscc read as {fields['uscc']}")
        expect(fields["sign_date"]["value"] == "2025-03-12", f"date read as {fields['sign_date']}")
        expect(s["domain"] == "tax_credit", f"domain decided as {s['domain']}")
        missing = sorted(d["document"] for d in s["defects"] if d["code"] == "DOC_MISSING")
        expect(missing == ["business_license", "credit_commitment_letter"],
               f"DOC_MISSING of the new domain: {missing}")
        expect(not any(d["code"] == "TEMPLATE_MISMATCH" for d in s["defects"]),
               "the new material's clause was not found")


def case_redact(ctx):
    """--redact leaves no ID or phone number of the submission in any output, even one that
    is misread or invalid and quoted in a message."""
    with open(os.path.join(ctx.source, "samples", "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)["submissions"]["sub-0005"]
    secrets = [v for fields in expected["fields"].values() for k, v in fields.items()
               if v and (k.endswith("_id") or "phone" in k)]
    expect(secrets, "sample sub-0005 has no ID or phone numbers to hide")
    # A birth date is the part of an ID number its mask hides: hidden too, in either form.
    births = [v for fields in expected["fields"].values() for k, v in fields.items()
              if v and k == "birth"]
    expect(births, "sample sub-0005 has no ID card with a birth date")
    for b in births:
        y, m, d = b.split("-")
        secrets += [b, f"{y}年{int(m)}月{int(d)}日"]
    sub = os.path.join(ctx.source, "samples", "submissions", "sub-0005")
    with tempfile.TemporaryDirectory() as tmp:
        out_json = os.path.join(tmp, "r.json")
        out_xlsx = os.path.join(tmp, "r.xlsx")
        out_html = os.path.join(tmp, "r.html")
        proc = run(["batch", os.path.dirname(sub), "--json", out_json, "--xlsx", out_xlsx,
                    "--html", out_html, "--as-of", AS_OF, "--redact", "-j", "2"], ctx.precheck,
                   check_exit=(0, 1))
        texts = [proc.stdout, proc.stderr, open(out_json, encoding="utf-8").read(),
                 open(out_html, encoding="utf-8").read()]
        import zipfile
        with zipfile.ZipFile(out_xlsx) as z:
            texts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        for secret in secrets:
            for text in texts:
                expect(secret not in text, f"{secret[:4]}… appears unmasked")
        report = json.load(open(out_json, encoding="utf-8"))
        codes = [d["code"] for s in report["submissions"] if s["id"] == "sub-0005"
                 for d in s["defects"]]
        expect("FIELD_INVALID" in codes, f"the invalid ID number was not reported: {codes}")
        # On the page pictures, the ID and phone fields are blacked out.
        import cv2
        _, figures = html_figures(out_html, "sub-0005")
        sub5 = next(s for s in report["submissions"] if s["id"] == "sub-0005")
        hidden = 0
        for doc in sub5["documents"]:
            for key, f in doc["fields"].items():
                if not f.get("bbox") or not (key.endswith("_id") or "phone" in key) or not f["text"]:
                    continue
                caption = f"{doc['file']} 第{f['page']}页"
                path = next(p for c, p, _, _ in figures if c.startswith(caption))
                x, y, w, h = (v // 2 for v in f["bbox"])
                patch = cv2.imread(path, cv2.IMREAD_GRAYSCALE)[y:y + h, x:x + w]
                expect(patch.size and patch.mean() < 40, f"{key} on {caption} not blacked out")
                hidden += 1
        expect(hidden >= 2, f"only {hidden} ID or phone fields found on the pictures")
    # inspect --redact, text and JSON, on every file of the submission.
    for name in sorted(os.listdir(sub)):
        for extra in ([], ["--json"]):
            out = run(["inspect", "--redact", *extra, os.path.join(sub, name)], ctx.precheck,
                      check_exit=(0, 1)).stdout
            for secret in secrets:
                expect(secret not in out, f"inspect {name}: {secret[:4]}… appears unmasked")


def case_numbers_in_file_names(ctx):
    """An ID or phone number in a scan's file name is masked in error messages always, and in
    `inspect --redact` output."""
    secret_id, secret_phone = "11010519491231002X", "13912345678"
    with tempfile.TemporaryDirectory() as tmp:
        name = f"张三_{secret_id}_{secret_phone}"
        missing = os.path.join(tmp, name + ".pdf")
        proc = run(["check", missing, "--as-of", AS_OF], ctx.precheck, check_exit=(2,))
        expect("no such file" in proc.stderr, f"unexpected error: {proc.stderr}")
        scan = os.path.join(tmp, name + ".png")
        shutil.copy(os.path.join(ctx.shared, "cases", "bad", "b01_zh_line.png"), scan)
        proc = run(["inspect", scan, "--annotate", scan], ctx.precheck, check_exit=(2,))
        texts = [proc.stderr]
        for extra in ([], ["--json"]):
            proc = run(["inspect", scan, "--redact"] + extra, ctx.precheck, check_exit=(0, 1))
            texts += [proc.stdout, proc.stderr]
        proc = run(["check", missing, missing, "--as-of", AS_OF], ctx.precheck, check_exit=(2,))
        texts.append(proc.stderr)
        for text in texts:
            for secret in (secret_id, secret_phone):
                expect(secret not in text, f"{secret[:4]}… appears unmasked in: {text[:200]}")


def case_control_characters(ctx):
    """A file name holding a line break and an escape character, and a 1x1 image: the -v log
    keeps each message on one line with no control character, and the tiny image is
    refused as too small, not as undecodable."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.path.join(tmp, "sub")
        os.mkdir(sub)
        with open(os.path.join(sub, "ctl\nname\x1b[31m.png"), "wb") as f:
            f.write(png)
        proc = run(["check", sub, "--as-of", AS_OF, "--format", "json", "-v"], ctx.precheck,
                   check_exit=(1,))
        expect("\x1b" not in proc.stderr, "an escape character reached the log")
        for line in proc.stderr.splitlines():
            expect(line.startswith("precheck: "), f"a log message broke a line: {line!r}")
        report = json.loads(proc.stdout)
        text = json.dumps(report, ensure_ascii=False)
        expect("图像过小" in text, f"the 1x1 image is not called too small: {text[:300]}")


def case_interrupted_html(ctx):
    """A run stopped halfway leaves no page picture of its own (they show ID cards) and the
    earlier HTML report and its pictures as they were."""
    import signal
    import time
    samples = os.path.join(ctx.source, "samples", "submissions")
    with tempfile.TemporaryDirectory() as tmp:
        html = os.path.join(tmp, "r.html")
        run(["check", os.path.join(samples, "sub-0001"), "--html", html, "-o",
             os.path.join(tmp, "r.txt"), "--as-of", AS_OF], ctx.precheck, check_exit=(0, 1))
        pages = os.path.join(tmp, "r_pages")
        before = sorted(os.listdir(pages))
        expect(before, "the first run wrote no page pictures")
        with open(html, encoding="utf-8") as f:
            report = f.read()
        staging = os.path.join(tmp, ".r_pages.partial")
        proc = subprocess.Popen([ctx.precheck, "batch", samples, "--html", html, "--as-of", AS_OF],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 600
        while time.time() < deadline and proc.poll() is None:
            if os.path.isdir(staging) and any(n.endswith(".jpg") for n in os.listdir(staging)):
                break
            time.sleep(0.2)
        expect(proc.poll() is None, "the batch ended before it wrote a picture")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        expect(proc.returncode == -signal.SIGTERM, f"exit {proc.returncode} after SIGTERM")
        expect(not os.path.exists(staging), "the stopped run's pictures were left behind")
        expect(sorted(os.listdir(pages)) == before, "the earlier report's pictures changed")
        with open(html, encoding="utf-8") as f:
            expect(f.read() == report, "the earlier HTML report changed")


def case_broken_link(ctx):
    """A link to nothing, as a submission or inside one, is DOC_UNREADABLE; the batch goes on."""
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "batch")
        os.makedirs(os.path.join(root, "sub"))
        os.symlink("/nonexistent/file.pdf", os.path.join(root, "stale.pdf"))
        os.symlink("/nonexistent/scan.jpg", os.path.join(root, "sub", "scan.jpg"))
        shutil.copy(os.path.join(ctx.shared, "cases", "bad", "b01_zh_line.png"),
                    os.path.join(root, "sub"))
        out = os.path.join(tmp, "r.json")
        proc = run(["batch", root, "--json", out, "--as-of", AS_OF], ctx.precheck)
        expect(proc.returncode == 1, f"exit {proc.returncode}: {proc.stderr}")
        report = json.load(open(out, encoding="utf-8"))
        files = {d["file"] for s in report["submissions"] for d in s["defects"]
                 if d["code"] == "DOC_UNREADABLE"}
        expect({"stale.pdf", "scan.jpg"} <= files, f"unreadable files reported: {files}")
        # A folder that cannot be listed is reported, not skipped (only a non-root user is
        # refused by its permissions).
        if os.geteuid() != 0:
            locked = os.path.join(root, "sub", "locked")
            os.makedirs(locked)
            os.chmod(locked, 0)
            try:
                proc = run(["batch", root, "--json", out, "--as-of", AS_OF], ctx.precheck)
                report = json.load(open(out, encoding="utf-8"))
                files = {d["file"] for s in report["submissions"] for d in s["defects"]
                         if d["code"] == "DOC_UNREADABLE"}
                expect("locked" in files, f"the locked folder was not reported: {files}")
            finally:
                os.chmod(locked, 0o755)


def case_output_targets(ctx):
    """Reports never replace a link, a pipe, a scan or each other."""
    import threading
    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, "empty.jpg")  # a quick DOC_UNREADABLE
        open(empty, "wb").close()
        # A link: the file it points to gets the report, the link stays.
        real = os.path.join(tmp, "real.json")
        link = os.path.join(tmp, "link.json")
        open(real, "w").close()
        os.symlink("real.json", link)
        proc = run(["check", empty, "-o", link, "--format", "json", "--as-of", AS_OF],
                   ctx.precheck)
        expect(proc.returncode == 1, f"exit {proc.returncode}: {proc.stderr}")
        expect(os.path.islink(link), "the link was replaced by a file")
        expect(json.load(open(real, encoding="utf-8"))["schema"], "no report behind the link")
        # A pipe: written through, not replaced.
        fifo = os.path.join(tmp, "fifo")
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
        reader.start()
        run(["check", empty, "-o", fifo, "--format", "json", "--as-of", AS_OF], ctx.precheck)
        reader.join(timeout=60)
        expect(got and got[0].startswith(b"{"), f"the pipe's reader got {got[:1]}")
        expect(not os.path.isfile(fifo), "the pipe was replaced by a file")
        # A scan named as the output, and two outputs in one file: refused before any work.
        scan = os.path.join(tmp, "scan.png")
        with open(scan, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        proc = run(["check", scan, "-o", scan, "--as-of", AS_OF], ctx.precheck)
        expect(proc.returncode == 2, f"overwriting the scan exited {proc.returncode}")
        expect(open(scan, "rb").read(4) == b"\x89PNG", "the scan was overwritten")
        with tempfile.TemporaryDirectory() as elsewhere:
            out = os.path.join(elsewhere, "r.out")
            proc = run(["batch", tmp, "--json", out, "--xlsx", out, "--as-of", AS_OF],
                       ctx.precheck)
            expect(proc.returncode == 2 and "same file" in proc.stderr,
                   f"one file for two reports exited {proc.returncode}: {proc.stderr}")
        # A report inside the folder checked would be read as a material the next time.
        proc = run(["batch", tmp, "--json", os.path.join(tmp, "report.json"), "--as-of", AS_OF],
                   ctx.precheck)
        expect(proc.returncode == 2 and "lies inside" in proc.stderr,
               f"a report inside the batch root exited {proc.returncode}: {proc.stderr}")
        notes = os.path.join(tmp, "notes.txt")
        with open(notes, "w") as f:
            f.write("applicant's notes")
        proc = run(["check", notes, "-o", notes, "--as-of", AS_OF], ctx.precheck)
        expect(proc.returncode == 2 and open(notes).read() == "applicant's notes",
               f"a report replaced its own input (exit {proc.returncode})")
        # A read-only report stays, even for root.
        kept = os.path.join(tmp, "kept", "keep.json")
        os.mkdir(os.path.dirname(kept))
        with open(kept, "w") as f:
            f.write("{}")
        os.chmod(kept, 0o444)
        proc = run(["check", empty, "-o", kept, "--as-of", AS_OF], ctx.precheck)
        expect(proc.returncode == 2 and open(kept).read() == "{}",
               f"a read-only report was replaced (exit {proc.returncode})")
        # inspect --annotate: never onto the file inspected or another scan; its own
        # annotated page may be replaced by a later run.
        real_scan = os.path.join(ctx.shared, "cases", "bad", "b15_sig_real.png")
        page = os.path.join(tmp, "page.png")
        shutil.copyfile(real_scan, page)
        os.chmod(page, 0o644)
        before = open(page, "rb").read()
        for target in (page, scan):
            proc = run(["inspect", page, "--annotate", target], ctx.precheck)
            expect(proc.returncode == 2, f"--annotate {target} exited {proc.returncode}")
        expect(open(page, "rb").read() == before, "inspect --annotate replaced its input")
        annotated = os.path.join(tmp, "kept", "annotated.png")
        for attempt in range(2):
            proc = run(["inspect", page, "--annotate", annotated], ctx.precheck)
            expect(proc.returncode == 0, f"--annotate, run {attempt + 1}: {proc.stderr}")
        proc = run(["inspect", page, "--annotate", os.path.join(tmp, "no", "a.png")],
                   ctx.precheck)
        expect(proc.returncode == 2 and "does not exist" in proc.stderr,
               f"--annotate into a missing folder exited {proc.returncode}")
        # --html: its pictures' folder is checked like an output, before any page is read.
        with tempfile.TemporaryDirectory() as elsewhere:
            html = os.path.join(elsewhere, "r.html")
            pictures = os.path.join(elsewhere, "r_pages")
            for args, why in (
                    (["--html", os.path.join(tmp, "r.html")], "pictures inside the checked folder"),
                    (["--html", html, "--json", pictures], "another report named as the pictures"),
                    (["--html", ""], "an empty path")):
                proc = run(["batch", tmp, *args, "--as-of", AS_OF], ctx.precheck)
                expect(proc.returncode == 2, f"{why}: exit {proc.returncode} {proc.stderr}")
                expect(not os.path.exists(pictures) and not os.path.exists(os.path.join(tmp, "r_pages")),
                       f"{why}: pictures written")
            # A folder of scans under the pictures' name is never written into.
            scans = os.path.join(elsewhere, "scans")
            os.mkdir(scans)
            shutil.copyfile(scan, os.path.join(scans, "scan.png"))
            os.symlink(scans, pictures)
            proc = run(["check", empty, "--html", html, "--as-of", AS_OF], ctx.precheck)
            expect(proc.returncode == 2 and os.listdir(scans) == ["scan.png"],
                   f"pictures into a folder of scans: exit {proc.returncode}")


def case_image_quality(ctx):
    """A page shrunk to a thumbnail is IMAGE_QUALITY (a warning); the full page is not."""
    try:
        import cv2  # Debian's python3-opencv; the case is skipped without it
    except ImportError:
        print("skipped: python3-opencv not installed")
        return SKIP
    page = os.path.join(ctx.source, "samples", "submissions", "sub-0001")
    src = sorted(f for f in os.listdir(page) if f.endswith(".png"))[0]
    img = cv2.imread(os.path.join(page, src))
    with tempfile.TemporaryDirectory() as tmp:
        small = os.path.join(tmp, "small.png")
        cv2.imwrite(small, cv2.resize(img, (img.shape[1] // 6, img.shape[0] // 6),
                                      interpolation=cv2.INTER_AREA))
        codes = [d["code"] for s in check_json([small], ctx.precheck)["submissions"]
                 for d in s["defects"]]
        expect("IMAGE_QUALITY" in codes, f"a thumbnail gave {codes}")
        codes = [d["code"] for s in check_json([os.path.join(page, src)], ctx.precheck)
                 ["submissions"] for d in s["defects"]]
        expect("IMAGE_QUALITY" not in codes, f"the full page gave {codes}")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
NEEDS_SHARED = {"bad_files", "broken_link", "pdf_named_as_jpg", "chinese_without_spaces", "transparent_png",
                "real_unrecognized", "real_signatures", "seals"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case", choices=sorted(CASES))
    ap.add_argument("--precheck", required=True)
    ap.add_argument("--source", default=os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--shared")
    ctx = ap.parse_args()
    if ctx.shared is None:
        ctx.shared = os.path.join(os.path.dirname(ctx.source), "shared")
    if ctx.case in NEEDS_SHARED and not os.path.isdir(os.path.join(ctx.shared, "cases")):
        print(f"skipped: {ctx.shared}/cases not found")
        return SKIP
    try:
        if CASES[ctx.case](ctx) == SKIP:
            return SKIP
    except Failure as e:
        print(f"FAIL {ctx.case}: {e}")
        return 1
    print(f"ok {ctx.case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
