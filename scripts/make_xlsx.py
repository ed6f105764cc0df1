#!/usr/bin/env python3
"""Writes the hand-made Excel workbooks under fixtures/ (invented data only): the minimal
parts of an .xlsx (content types, relationships, workbook, styles, sheets with inline
strings, numbers and dates), with the standard library's zipfile, byte for byte the same
on every run.

    python3 scripts/make_xlsx.py
"""

import datetime
import os
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
STAMP = (2026, 1, 1, 0, 0, 0)
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def column(n):
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref, value):
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.date):
        serial = (value - datetime.date(1899, 12, 30)).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def sheet_xml(rows):
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{column(c)}{r}", v) for c, v in enumerate(row, start=1))
        if cells:
            out.append(f'<row r="{r}">{cells}</row>')
    return f'{HEAD}<worksheet xmlns="{NS}"><sheetData>{"".join(out)}</sheetData></worksheet>'


def workbook(name, sheets):
    """Writes fixtures/NAME from [(sheet name, rows)]."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>',
        "_rels/.rels": f'{HEAD}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'{HEAD}<workbook xmlns="{NS}" xmlns:r="{REL_NS}"><sheets>'
        + "".join(
            f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (title, _) in enumerate(sheets, start=1)
        )
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'{HEAD}<Relationships xmlns="{PKG_REL_NS}">'
        + "".join(
            f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>',
        # Style 1 is the built-in date format 14 (m/d/yyyy), which marks a number as a date.
        "xl/styles.xml": f'{HEAD}<styleSheet xmlns="{NS}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    }
    for i, (_, rows) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(rows)
    path = os.path.join(ROOT, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, text in parts.items():
            archive.writestr(zipfile.ZipInfo(part, STAMP), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return path


AZURE_HEADER = ["ID", "Work Item Type", "Title", "State", "Effort", "Priority", "Tags",
                "Iteration Path", "Acceptance Criteria", "Changed Date"]

# A Scrum project's query saved as a workbook: a notes sheet first, then the backlog under
# a title and a blank row.
workbook("azure-devops-backlog.xlsx", [
    ("Notes", [["Refinement notes"], ["Check the pantry sync with the platform team"]]),
    ("Backlog", [
        ["Pantry backlog (query: Ready for refinement)"],
        [],
        AZURE_HEADER,
        [7101, "Product Backlog Item",
         "As a shopper, I want to see what is in my pantry, so that I do not buy twice", "Approved",
         3, 2, "pantry; mobile", "Pantry\\Sprint 4",
         "<div>Given items in my pantry</div><div>When I open the pantry</div><div>Then I see each item &amp; its amount</div>",
         datetime.date(2026, 2, 3)],
        [7102, "Product Backlog Item", "Improve the shopping list", "Committed", None, None,
         "lists", "Pantry\\Sprint 4", "", datetime.date(2026, 2, 4)],
        [7103, "Bug", "Sync drops the last item", "New", 1, 1, "", "Pantry", "",
         datetime.date(2026, 2, 5)],
    ]),
])

# Jira's "Export Excel (all fields)" shape, saved as a real workbook.
workbook("jira-backlog.xlsx", [
    ("Your Jira Issues", [
        ["Summary", "Issue key", "Issue Type", "Status", "Priority",
         "Custom field (Story Points)", "Created"],
        ["As a shopper, I want to reorder my last basket, so that I save time", "PAN-31",
         "Story", "To Do", "Medium", 3, datetime.date(2026, 1, 20)],
        ["Faster checkout", "PAN-32", "Story", "Selected for Development", "", "",
         datetime.date(2026, 1, 22)],
    ]),
])

os.makedirs(os.path.join(ROOT, "errors"), exist_ok=True)
workbook("errors/workbook-no-header.xlsx", [
    ("Sheet1", [["Shopping ideas"], ["Reorder", "soon"], ["Pantry", "later"]]),
])
workbook("errors/workbook-empty.xlsx", [("Sheet1", [])])
workbook("errors/workbook-no-sheets.xlsx", [])

# A workbook cut off half way, as an interrupted download leaves it.
whole = open(os.path.join(ROOT, "jira-backlog.xlsx"), "rb").read()
damaged = whole[: len(whole) // 2] + whole[-200:]
open(os.path.join(ROOT, "errors", "workbook-damaged.xlsx"), "wb").write(damaged)

# What Excel saves for a workbook with a password: an OLE compound file holding an
# "EncryptedPackage" stream (only its marks, not a real encrypted file).
encrypted = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(120)
             + "EncryptionInfo".encode("utf-16-le") + bytes(50)
             + "EncryptedPackage".encode("utf-16-le") + bytes(300))
open(os.path.join(ROOT, "errors", "workbook-encrypted.xlsx"), "wb").write(encrypted)
