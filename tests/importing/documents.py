"""Documents to import, written for these tests: a Word binder page built with python-docx, and Markdown."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    """A valid PNG of a few grey pixels, made here so that no picture file is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes([128]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)     # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def check_in_docx(path: Path, *, revision_dates=("05/03/2025", "14/07/2026"), picture_alt: str | None = None,
                  with_picture: bool = True) -> Path:
    """A front-desk check-in SOP as a hotel binder might hold it, written with python-docx."""
    import io

    import docx
    from docx.shared import Inches

    document = docx.Document()
    document.add_heading("Late arrival check-in", level=0)          # the Title style
    control = document.add_table(rows=4, cols=2)
    for row, (label, value) in zip(control.rows, [("Document code", "FO-REC-007"), ("Department", "Front Office"),
                                                  ("Owner", "Front Office Manager"), ("Version", "v2.1")]):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_paragraph("Effective date: 3 March 2026")
    document.add_heading("1. Purpose:", level=1)
    document.add_paragraph("Guests who arrive late at night are tired and want their room quickly. This procedure "
                           "gets them there without a wait at the desk.")
    document.add_heading("SCOPE", level=1)
    document.add_paragraph("Applies to: Night receptionists and night managers.")
    document.add_paragraph("Excludes: Group arrivals, which follow the groups procedure.")
    document.add_heading("What you need", level=1)
    document.add_paragraph("Key card encoder", style="List Bullet")
    document.add_paragraph("Pre-printed registration cards", style="List Bullet")
    document.add_heading("Procedure", level=1)
    document.add_heading("Before the guest arrives", level=2)
    document.add_paragraph("Print the late arrivals list at 22:00.", style="List Number")
    document.add_paragraph("Sort it by expected arrival time.", style="List Bullet 2")
    document.add_paragraph("Why: you can see at a glance who is still to come.", style="List Bullet 2")
    document.add_paragraph("Prepare a key for each late arrival.", style="List Number")
    if with_picture:
        run = document.add_paragraph().add_run()
        run.add_picture(io.BytesIO(tiny_png()), width=Inches(1))
        if picture_alt is not None:
            run._r.xpath(".//wp:docPr")[0].set("descr", picture_alt)
    document.add_heading("At the desk", level=2)
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("What", "How", "Why"),
                                       ("Greet the guest by name", "Use the arrivals list",
                                        "Being expected at midnight is a relief"),
                                       ("Hand over the prepared key", "Check photo ID first", "")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_heading("Health and safety", level=1)
    document.add_paragraph("Check photo ID before you hand over a key. Why: a key given to the wrong person puts "
                           "the guest at risk.")
    document.add_heading("Complaints about noise", level=1)
    document.add_paragraph("Note the room number and call the duty manager.")
    document.add_heading("Revision history", level=1)
    history = document.add_table(rows=3, cols=4)
    for row, cells in zip(history.rows, [("Version", "Date", "Changed by", "Description of change"),
                                         ("2.0", revision_dates[0], "Front Office Manager", "First issue."),
                                         ("2.1", revision_dates[1], "Front Office Manager",
                                          "Added the ID check.")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(str(path))
    return path


CHECK_IN_MD = """\
# Parcel hand-over

Document code: CD-PAR-002
Owner: Head Concierge

## Purpose
Guests get their parcels safely and quickly.

## Steps
1. Check the guest's name against the parcel label.
   - Why: parcels go only to the person they are for.
2. Ask the guest to sign the parcel log.
   - Use the blue log at the concierge desk.

![Parcel shelf with labelled slots](shelf.png)

## Definitions
Parcel log: the book where every parcel in and out is signed for.

## Records
| Record | Kept by | Retention |
|---|---|---|
| Parcel log | Head Concierge | 1 year |

## Lost property
Hand it to security.
"""
