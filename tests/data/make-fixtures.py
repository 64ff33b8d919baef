#!/usr/bin/python3
# make-fixtures.py: writes the Word and Excel fixtures of the three seed
# task tables (tests/data/*-tasks.tsv) as a province would publish them:
# a title above the table, a header repeated on each page, cells with the
# same lead, cooperating agencies or timing as the row above merged
# vertically (w:vMerge, mergeCells), a section heading merged over the
# whole width, and for Bắc Kạn the table split in two at a page break
# with the header repeated.  Điện Biên's row 3 becomes a sub-task of row
# 2 (TT merged), and in its workbook the sub-task's deadline is an Excel
# date.  Bắc Kạn's TT column is numbered by Word ("List Number"), as
# many offices do: the numbers are in no text.  The fixtures are committed; this script (python3-docx,
# python3-openpyxl) only regenerates them:  /usr/bin/python3 make-fixtures.py
import csv
import datetime
import os

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (title, section heading, columns merged when equal to the row above)
SEEDS = {
    "backan-2618": ("KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2020",
                    "II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN",
                    ("Cơ quan phối hợp", "Thời gian thực hiện")),
    "yenbai-285": ("PHỤ LỤC: CÁC NHIỆM VỤ CỤ THỂ CÔNG TÁC THÔNG TIN, "
                   "TUYÊN TRUYỀN CCHC NĂM 2023",
                   None,
                   ("Thời gian thực hiện", "Cơ quan chủ trì",
                    "Cơ quan phối hợp")),
    "dienbien-2022": ("KẾ HOẠCH TUYÊN TRUYỀN CCHC NĂM 2022",
                      "I. CÔNG TÁC TUYÊN TRUYỀN",
                      ("Đơn vị phối hợp",)),
}


def read_rows(name):
    with open(os.path.join(HERE, name + "-tasks.tsv"), encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    header, body = rows[0], []
    for r in rows[1:]:
        r = r + [""] * (len(header) - len(r))
        if r[0] == "" and body:
            # A page-break continuation in the text copy: one row in the
            # document.
            body[-1] = [(a + " " + b).strip() if b else a
                        for a, b in zip(body[-1], r)]
        else:
            body.append(r)
    return header, body


def structure(name, header, body):
    """Rows as (cells, subtask, date) after the seed's own changes."""
    out = [(r, False, None) for r in body]
    if name == "dienbien-2022":
        # Row 3 is the second step of row 2's report: a sub-task.
        r3 = list(body[2])
        r3[0] = "2"
        out[2] = (r3, True, datetime.date(2022, 12, 5))
        r4 = list(body[3])
        r4[0] = "3"
        out[3] = (r4, False, None)
    return out


def merge_runs(rows, col):
    """Runs [start, end] of equal non-empty cells in COL."""
    runs, start = [], 0
    for i in range(1, len(rows) + 1):
        if (i == len(rows) or rows[i][0][col] != rows[start][0][col]
                or rows[i][0][col] == ""):
            if i - start > 1 and rows[start][0][col] != "":
                runs.append((start, i - 1))
            start = i
    return runs


def repeat_header(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def fill_docx_table(doc, header, rows, merged, section, autonum=False):
    extra = 1 if section else 0
    t = doc.add_table(rows=1 + extra + len(rows), cols=len(header))
    t.style = "Table Grid"
    for c, h in enumerate(header):
        t.cell(0, c).text = h
        t.cell(0, c).paragraphs[0].runs[0].bold = True
    repeat_header(t.rows[0])
    if section:
        cell = t.cell(1, 0).merge(t.cell(1, len(header) - 1))
        cell.text = section
    for i, (r, sub, date) in enumerate(rows):
        for c, v in enumerate(r):
            if sub and c == 0:
                continue
            cell = t.cell(1 + extra + i, c)
            if autonum and c == 0:
                cell.paragraphs[0].style = doc.styles["List Number"]
                continue
            # Line breaks inside a cell are paragraphs in Word.
            parts = [p for p in v.replace(" - ", "\n- ").split("\n")]
            cell.text = parts[0]
            for p in parts[1:]:
                cell.add_paragraph(p)
        if sub:
            t.cell(extra + i, 0).merge(t.cell(1 + extra + i, 0))
    for col in merged:
        for a, b in merge_runs(rows, col):
            top = t.cell(1 + extra + a, col)
            text = top.text
            m = top.merge(t.cell(1 + extra + b, col))
            # merge() joins the texts; the document shows it once.
            for p in m.paragraphs[1:]:
                p._p.getparent().remove(p._p)
            m.paragraphs[0].text = text
    return t


def write_docx(name, title, section, merged_names):
    header, body = read_rows(name)
    rows = structure(name, header, body)
    merged = [header.index(h) for h in merged_names]
    doc = docx.Document()
    doc.add_paragraph(title)
    if name == "backan-2618":
        # Split at a page break, the header repeated as Word prints it.
        fill_docx_table(doc, header, rows[:6], merged, section, True)
        doc.add_page_break()
        fill_docx_table(doc, header, rows[6:], merged, None, True)
    else:
        fill_docx_table(doc, header, rows, merged, section)
    doc.add_paragraph("Nơi nhận: như trên.")
    sig = doc.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:"
    sig.cell(0, 1).text = "CHỦ TỊCH"
    doc.save(os.path.join(HERE, name + "-tasks.docx"))


def write_xlsx(name, title, section, merged_names):
    header, body = read_rows(name)
    rows = structure(name, header, body)
    merged = [header.index(h) for h in merged_names]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    ncol = len(header)
    last = openpyxl.utils.get_column_letter(ncol)
    ws.append([title])
    ws.merge_cells("A1:%s1" % last)
    ws.append(header)
    for c in ws[2]:
        c.font = Font(bold=True)
    first = 3
    if section:
        ws.append([section])
        ws.merge_cells("A3:%s3" % last)
        first = 4
    for i, (r, sub, date) in enumerate(rows):
        vals = list(r)
        if sub:
            vals[0] = None
        if date is not None:
            vals[len(vals) - 1 if name != "yenbai-285" else 3] = date
        vals = [int(v) if isinstance(v, str) and v.isdigit() else v
                for v in vals]
        ws.append(vals)
        if date is not None:
            for c in ws[first + i]:
                if isinstance(c.value, datetime.date):
                    c.number_format = "dd/mm/yyyy"
        if sub:
            ws.merge_cells("A%d:A%d" % (first + i - 1, first + i))
    for col in merged:
        L = openpyxl.utils.get_column_letter(col + 1)
        for a, b in merge_runs(rows, col):
            ws.merge_cells("%s%d:%s%d" % (L, first + a, L, first + b))
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    # A second sheet with no task header: a workbook's notes.
    notes = wb.create_sheet("Ghi chú")
    notes.append(["Ghi chú", "Phụ lục kèm theo kế hoạch"])
    wb.save(os.path.join(HERE, name + "-tasks.xlsx"))


for n, (title, section, merged) in SEEDS.items():
    write_docx(n, title, section, merged)
    write_xlsx(n, title, section, merged)
