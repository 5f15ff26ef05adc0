"""Word files as Word and Google Docs write them: list numbering on plain paragraphs, bold lines for
headings and step titles, captions, pictures in table rows, merged and titled tables, text kept in
content controls and fields, page headers, and what the importer cannot read said plainly."""

from __future__ import annotations

import pytest
import yaml

from .documents import tiny_png
from .word_xml import BULLET, DECIMAL, W, WordFile

pytest.importorskip("docx", reason="python-docx is in the test extra: pip install -e '.[test]'")


def _import(run_cli, root, word: WordFile, name="Towel service"):
    path = word.save(root / "towels.docx")
    code, out, err = run_cli(["import", str(path), "--into", "reception"], cwd=root)
    assert code == 0, err + out
    written = root / "sops/reception" / f"{name.lower().replace(' ', '-')}.yaml"
    return yaml.safe_load(written.read_text(encoding="utf-8")), out


def _titled(title="Towel service") -> WordFile:
    word = WordFile()
    word.document.add_heading(title, level=0)
    return word


def test_numbered_and_bulleted_lists_are_told_apart_by_the_numbering_part_not_the_style(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    steps, notes = word.new_list(DECIMAL, BULLET), word.new_list(BULLET)
    word.paragraph("Unlock the towel cabinet at 07:00.", style="ListParagraph", numbering=(steps, 0))
    word.paragraph("Use the key from the leisure desk.", numbering=(steps, 1))
    word.paragraph("Stack the towels by size.", numbering=(steps, 0))
    word.paragraph("Keep the large towels at eye level.", numbering=(notes, 0))   # a bullet list of its own
    word.paragraph("Count the towels back at closing.", numbering=(steps, 0))

    sop, _ = _import(run_cli, example_project, word)

    assert sop["steps"] == [
        {"do": "Unlock the towel cabinet at 07:00.", "how": "Use the key from the leisure desk."},
        {"do": "Stack the towels by size.", "how": "Keep the large towels at eye level."},
        {"do": "Count the towels back at closing."}]


def test_a_bulleted_procedure_still_gives_one_step_per_bullet(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    bullets = word.new_list(BULLET, BULLET)
    word.paragraph("Unlock the towel cabinet.", numbering=(bullets, 0))
    word.paragraph("Stack the towels by size.", numbering=(bullets, 0))

    sop, _ = _import(run_cli, example_project, word)

    assert [step["do"] for step in sop["steps"]] == ["Unlock the towel cabinet.", "Stack the towels by size."]


def test_bold_lead_in_words_become_the_step_title(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    steps = word.new_list(DECIMAL)
    word.paragraph(("b", "Open the station."), " Unlock the cabinet at 07:00.", numbering=(steps, 0))
    word.paragraph(("strong", "Stack"), ("strong", " the towels:"), " largest at the bottom.", numbering=(steps, 0))
    word.paragraph(("b", "Why:"), " early swimmers come at 07:15.", numbering=(steps, 0))
    word.paragraph(("b", "Count the towels back at closing."), numbering=(steps, 0))
    word.paragraph(("b", "5. Lock up:"), " return the key to the leisure desk.")      # a number typed, in bold
    word.paragraph(("b", "Important:"), " never leave the cabinet open.", numbering=(steps, 0))

    sop, _ = _import(run_cli, example_project, word)

    assert sop["steps"][0] == {"title": "Open the station", "do": "Unlock the cabinet at 07:00."}
    assert sop["steps"][1] == {"title": "Stack the towels", "do": "largest at the bottom."}
    assert "title" not in sop["steps"][2]                     # "Why:" is a label, not a title
    assert sop["steps"][3] == {"do": "Count the towels back at closing."}    # all bold: nothing follows it
    assert sop["steps"][4] == {"title": "Lock up", "do": "return the key to the leisure desk."}
    assert sop["steps"][5] == {"do": "Important: never leave the cabinet open."}


def test_bold_lines_standing_alone_are_read_as_headings_as_google_docs_writes_them(example_project, run_cli):
    word = _titled()
    word.paragraph(("b", "Purpose"))
    word.paragraph("Guests find fresh towels at the pool at any time.")
    word.paragraph(("b", "Procedure"))
    word.paragraph(("b", "Opening"))
    steps = word.new_list(DECIMAL)
    word.paragraph("Unlock the cabinet.", numbering=(steps, 0))
    word.paragraph(("b", "Closing"))
    word.paragraph("Count the towels back.", numbering=(steps, 0))
    word.paragraph(("b", "Never leave the cabinet open."))    # a bold sentence is not a heading

    sop, _ = _import(run_cli, example_project, word)

    assert sop["purpose"] == "Guests find fresh towels at the pool at any time."
    assert [phase["phase"] for phase in sop["steps"]] == ["Opening", "Closing"]
    assert sop["steps"][1]["steps"][0]["do"] == "Count the towels back."


def test_figure_captions_from_a_caption_paragraph_or_a_figure_label(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    steps = word.new_list(DECIMAL)
    word.paragraph("Set out the towel station.", numbering=(steps, 0))
    word.picture(tiny_png(), alt="Towel cabinet with three shelves")
    word.paragraph("Figure 1: The cabinet stocked for a busy morning", style="Caption")
    word.paragraph("Put the used-towel bin beside it.", numbering=(steps, 0))
    word.paragraph("Fig. 2 – Where the bin stands")
    word.picture(tiny_png(5, 5), alt="Bin beside the cabinet")
    word.paragraph("Figure 3 is not a caption when no picture is near.")

    sop, out = _import(run_cli, example_project, word)

    assert [(figure.get("caption"), figure.get("step")) for figure in sop["figures"]] == [
        ("The cabinet stocked for a busy morning", 1), ("Where the bin stands", 2)]
    text = (example_project / "sops/reception/towel-service.yaml").read_text(encoding="utf-8")
    assert "Figure 3 is not a caption" in text                 # kept, as a comment


def test_a_picture_in_a_what_how_why_table_row_belongs_to_that_rows_step_and_a_bold_lead_in_is_its_title(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    table = word.table([["What", "How", "Why"],
                        ["Unlock the cabinet", "Use the leisure desk key", "Early swimmers come at 07:15"],
                        ["Stack the towels", "Largest at the bottom", "Guests find their size at a glance"],
                        ["Set out the bin", "Beside the cabinet", "Used towels stay off the loungers"]])
    word.picture(tiny_png(), alt="Towels stacked by size", paragraph=table.rows[2].cells[1]._tc.p_lst[0])
    what = table.rows[3].cells[0].paragraphs[0]
    what.text = ""
    what.add_run("Bin out.").bold = True
    what.add_run(" Set out the bin")

    sop, _ = _import(run_cli, example_project, word)

    assert sop["figures"][0]["alt"] == "Towels stacked by size" and sop["figures"][0]["step"] == 2
    assert sop["steps"][2] == {"title": "Bin out", "do": "Set out the bin", "how": "Beside the cabinet",
                               "why": "Used towels stay off the loungers"}
    assert sop["steps"][1]["how"] == "Largest at the bottom"


def test_a_revision_table_with_a_merged_title_row_header_row_merged_cells_and_empty_rows(example_project, run_cli):
    word = _titled()
    word.heading("Document history")
    table = word.table([["Revision history", "", "", ""], ["Version", "Date", "Author", "Change"],
                        ["1.0", "4 January 2026", "Leisure Manager", "First issue."], ["", "", "", ""],
                        ["1.1", "2026-03-01", "Leisure Manager", ""]])
    title = table.rows[0].cells[0].merge(table.rows[0].cells[3])
    title.text = "Revision history"
    table.rows[0]._tr.get_or_add_trPr().append(__import__("docx").oxml.parse_xml(f"<w:tblHeader {W}/>"))
    table.rows[1]._tr.get_or_add_trPr().append(__import__("docx").oxml.parse_xml(f"<w:tblHeader {W}/>"))
    merged = table.rows[4].cells[2].merge(table.rows[4].cells[3])
    merged.text = "Leisure Manager: added the closing count."

    sop, _ = _import(run_cli, example_project, word)

    assert [(r["version"], str(r["date"])) for r in sop["revisions"]] == [("1.1", "2026-03-01"),
                                                                          ("1.0", "2026-01-04")]
    assert sop["revisions"][0]["by"] == "Leisure Manager: added the closing count."
    assert sop["revisions"][1]["change"] == "First issue."


def test_text_in_content_controls_fields_hyperlinks_tracked_insertions_and_split_runs(example_project, run_cli):
    word = _titled()
    word.xml(f'<w:tbl {W}><w:tblPr/><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Owner</w:t></w:r></w:p></w:tc><w:tc><w:p>'
             f'<w:sdt><w:sdtPr><w:alias w:val="Owner"/></w:sdtPr><w:sdtContent><w:r><w:t>Leisure Manager</w:t>'
             f'</w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr>'
             f'<w:tr><w:tc><w:p><w:r><w:t>Effective date</w:t></w:r></w:p></w:tc><w:tc><w:p>'
             f'<w:sdt><w:sdtPr><w:date w:fullDate="2026-03-01T00:00:00Z"/></w:sdtPr><w:sdtContent><w:r>'
             f'<w:t>03/01/2026</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr>'
             f'<w:tr><w:tc><w:p><w:r><w:t>Review date</w:t></w:r></w:p></w:tc><w:tc><w:p>'
             f'<w:sdt><w:sdtPr><w:showingPlcHdr/><w:date/></w:sdtPr><w:sdtContent><w:r>'
             f'<w:t>Click or tap to enter a date.</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr></w:tbl>')
    word.heading("Procedure")
    steps = word.new_list(DECIMAL)
    word.xml(f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{steps}"/></w:numPr></w:pPr>'
             f'<w:r><w:t>Un</w:t></w:r><w:r><w:t>lock the </w:t></w:r>'
             f'<w:hyperlink r:id="rId999"><w:r><w:t>towel cabinet</w:t></w:r></w:hyperlink>'
             f'<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t> at 07:00</w:t></w:r></w:ins>'
             f'<w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText> at 06:00</w:delText>'
             f'</w:r></w:del><w:r><w:t>,</w:t><w:br/><w:t>room</w:t></w:r>'
             f'<w:fldSimple w:instr=" DOCPROPERTY Room "><w:r><w:t> 12</w:t></w:r></w:fldSimple>'
             f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>.</w:t></w:r>'
             f'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')

    sop, out = _import(run_cli, example_project, word)

    assert sop["owner"] == "Leisure Manager"
    assert str(sop["effective"]) == "2026-03-01"    # a date picker's own date: "03/01/2026" is not asked about
    assert "review_by" not in sop and "Click or tap" not in out
    assert sop["steps"][0]["do"] == "Unlock the towel cabinet at 07:00, room 12."


def test_a_document_control_table_in_the_page_header_fills_document_control(example_project, run_cli):
    word = _titled()
    header = word.document.sections[0].header
    header.is_linked_to_previous = False
    table = header.add_table(rows=2, cols=4, width=__import__("docx").shared.Inches(6))
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells,
                          ["Document code", "LEI-POOL-01", "Owner", "Leisure Manager",
                           "Department", "Leisure", "Version", "3"]):
        cell.text = text
    page = header.add_paragraph("Page ")
    page._p.append(__import__("docx").oxml.parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
                                                     f'</w:fldSimple>'))
    word.heading("Procedure")
    word.paragraph("Unlock the cabinet.", numbering=(word.new_list(DECIMAL), 0))

    sop, out = _import(run_cli, example_project, word)

    assert "from document control at the page header, table 1" in out and "start of the document" not in out
    assert sop["owner"] == "Leisure Manager" and sop["version"] == "3"
    assert sop["meta"] == {"code": "LEI-POOL-01", "department": "Leisure"}
    assert "Page" not in (example_project / "sops/reception/towel-service.yaml").read_text(encoding="utf-8")


def test_the_report_says_what_was_not_read_text_boxes_comments_tracked_changes(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    word.xml(f'<w:p {W} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
             f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
             f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{word.new_list(DECIMAL)}"/></w:numPr></w:pPr>'
             f'<w:r><w:t>Unlock the cabinet.</w:t></w:r>'
             f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="5" '
             f'name="Text Box 5"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
             f'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Call security if the '
             f'cabinet is forced.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData>'
             f'</a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>'
             f'<w:ins w:id="3" w:author="A"><w:r><w:t> Then check it.</w:t></w:r></w:ins></w:p>')
    word.comment("Is 07:00 right?")
    word.xml(f'<w:altChunk {W} r:id="rId990"/>')

    sop, out = _import(run_cli, example_project, word)

    assert sop["steps"][0]["do"] == "Unlock the cabinet. Then check it."      # the text box is not mixed in
    assert 'a text box (paragraph 3) was not imported: "Call security if the cabinet is forced."' in out
    assert "1 comment(s) in the document were not imported" in out
    assert "tracked changes (1 insertion(s), 0 deletion(s))" in out
    assert "a part pasted in as another file (after paragraph 3) was not imported" in out
    assert "linked, not embedded" not in out


def test_a_table_of_contents_is_not_imported_as_text(example_project, run_cli):
    word = _titled()
    word.xml(f'<w:sdt {W}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>'
             f'</w:sdtPr><w:sdtContent><w:p><w:r><w:t>Procedure ........ 2</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    word.document.styles.add_style("TOC 1", __import__("docx").enum.style.WD_STYLE_TYPE.PARAGRAPH)
    word.paragraph("Contents", style="TOCHeading")
    word.paragraph("Revision history ........ 3", style="TOC1")     # a contents list outside a content control
    word.heading("Procedure")
    word.paragraph("Unlock the cabinet.", numbering=(word.new_list(DECIMAL), 0))

    sop, _ = _import(run_cli, example_project, word)

    text = (example_project / "sops/reception/towel-service.yaml").read_text(encoding="utf-8")
    assert "........" not in text and "Contents" not in text and sop["steps"] == [{"do": "Unlock the cabinet."}]


def _cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_table_rows_in_a_repeating_section_and_cells_merged_down_or_starting_late(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    restart = '<w:vMerge w:val="restart"/>'
    grid = '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
    word.xml(f'<w:tbl {W}><w:tblPr/>{grid}'
             f'<w:tr>{_cell("What")}{_cell("How")}{_cell("Why")}</w:tr>'
             f'<w:tr>{_cell("Unlock the cabinet")}{_cell("Use the desk key")}'
             f'{_cell("Early swimmers come at 07:15", restart)}</w:tr>'
             f'<w:tr>{_cell("Stack the towels")}{_cell("Largest at the bottom")}{_cell("", "<w:vMerge/>")}</w:tr>'
             f'</w:tbl>')
    word.heading("Revision history")
    word.xml(f'<w:tbl {W}><w:tblPr/>{grid}'
             f'<w:tr>{_cell("Version")}{_cell("Date")}{_cell("Change")}</w:tr>'
             f'<w:sdt><w:sdtPr><w:alias w:val="Revisions"/></w:sdtPr><w:sdtContent>'
             f'<w:tr>{_cell("1.0")}{_cell("2026-01-04")}{_cell("First issue.")}</w:tr>'
             f'<w:tr>{_cell("1.1")}{_cell("2026-02-01")}{_cell("Closing count added.")}</w:tr>'
             f'</w:sdtContent></w:sdt>'
             f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{_cell("2026-03-01")}{_cell("Key rule.")}</w:tr>'
             f'</w:tbl>')

    sop, _ = _import(run_cli, example_project, word)

    assert [step["why"] for step in sop["steps"]] == ["Early swimmers come at 07:15"] * 2
    assert [(r.get("version"), str(r["date"]), r["change"]) for r in sop["revisions"]] == [
        (None, "2026-03-01", "Key rule."), ("1.1", "2026-02-01", "Closing count added."),
        ("1.0", "2026-01-04", "First issue.")]


def test_a_bold_line_above_the_first_heading_does_not_take_the_title_from_it(example_project, run_cli):
    word = WordFile()
    word.paragraph(("b", "Standard Operating Procedure"))
    word.heading("Towel service")
    word.heading("Procedure", level=2)
    word.paragraph("Unlock the cabinet.", numbering=(word.new_list(DECIMAL), 0))

    sop, _ = _import(run_cli, example_project, word)

    assert sop["title"] == "Towel service" and sop["steps"] == [{"do": "Unlock the cabinet."}]


def test_numbers_and_bullets_typed_by_hand_read_as_steps_details_and_items(example_project, run_cli):
    word = _titled()
    word.heading("Equipment")
    word.paragraph("\u2022\tTowel trolley")
    word.paragraph("- Gloves")
    word.heading("Procedure")
    word.paragraph("1. Unlock the cabinet.")
    word.paragraph("\uf0b7\tUse the key from the leisure desk.")      # Word's Symbol-font bullet, pasted
    word.paragraph("2) Stack the towels by size.")

    sop, _ = _import(run_cli, example_project, word)

    assert sop["equipment"] == ["Towel trolley", "Gloves"]
    assert sop["steps"] == [{"do": "Unlock the cabinet.", "how": "Use the key from the leisure desk."},
                            {"do": "Stack the towels by size."}]


def test_bold_lines_over_plain_paragraphs_in_a_procedure_title_those_steps(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    word.paragraph(("b", "Greet the guest"))
    word.paragraph("Look up the booking while you say hello.")
    word.paragraph("Use the guest's name once you have it.")
    word.paragraph("Why: a guest greeted by name feels expected.")
    word.paragraph(("b", "Hand over the key"))
    word.paragraph("Say the room number; do not write it on the card wallet.")

    sop, _ = _import(run_cli, example_project, word)

    assert sop["steps"] == [
        {"title": "Greet the guest", "do": "Look up the booking while you say hello.",
         "how": "Use the guest's name once you have it.", "why": "A guest greeted by name feels expected."},
        {"title": "Hand over the key", "do": "Say the room number; do not write it on the card wallet."}]


def test_a_step_column_of_numbers_is_not_read_into_the_steps_text(example_project, run_cli):
    word = _titled()
    word.heading("Procedure")
    word.table([["Step", "Action", "Reason"], ["1", "Unlock the cabinet", "Early swimmers come at 07:15"],
                ["2.", "Stack the towels", "Guests find their size at a glance"]])

    sop, _ = _import(run_cli, example_project, word)

    assert sop["steps"] == [{"do": "Unlock the cabinet", "why": "Early swimmers come at 07:15"},
                            {"do": "Stack the towels", "why": "Guests find their size at a glance"}]


def test_sections_numbered_as_a_list_in_capitals_or_bold_are_sections(example_project, run_cli):
    word = _titled()
    sections = word.new_list(DECIMAL, DECIMAL)
    word.paragraph("PURPOSE", numbering=(sections, 0))
    word.paragraph("Guests find fresh towels at the pool at any time.")
    word.paragraph(("b", "Procedure"), numbering=(sections, 0))
    steps = word.new_list(DECIMAL)
    word.paragraph("Unlock the cabinet.", numbering=(steps, 0))
    word.paragraph(("b", "Count the towels back"), numbering=(steps, 0))     # a bold step, not a section

    sop, _ = _import(run_cli, example_project, word)

    assert sop["purpose"] == "Guests find fresh towels at the pool at any time."
    assert sop["steps"] == [{"do": "Unlock the cabinet."}, {"do": "Count the towels back"}]


@pytest.mark.parametrize("heading", ["Procedure", "At the pool"])     # in the procedure, or anywhere
def test_a_phase_column_merged_down_a_what_how_why_table_groups_its_steps(example_project, run_cli, heading):
    word = _titled()
    word.heading(heading)
    table = word.table([["Phase", "What", "Why"],
                        ["Opening", "Unlock the cabinet", "Early swimmers come at 07:15"],
                        ["", "Stack the towels", "Guests find their size at a glance"],
                        ["Closing", "Count the towels back", "Missing towels are found the same day"]])
    table.rows[1].cells[0].merge(table.rows[2].cells[0])

    sop, _ = _import(run_cli, example_project, word)

    assert sop["steps"] == [
        {"phase": "Opening", "steps": [{"do": "Unlock the cabinet", "why": "Early swimmers come at 07:15"},
                                       {"do": "Stack the towels", "why": "Guests find their size at a glance"}]},
        {"phase": "Closing", "steps": [{"do": "Count the towels back",
                                        "why": "Missing towels are found the same day"}]}]


def test_references_keep_the_address_a_link_leads_to(example_project, run_cli):
    from docx.opc.constants import RELATIONSHIP_TYPE

    word = _titled()
    word.heading("Procedure")
    word.paragraph("Unlock the cabinet.", numbering=(word.new_list(DECIMAL), 0))
    word.heading("Related documents")
    bullets = word.new_list(BULLET)
    for text, address in [("Groups procedure", "https://intranet.example.org/sops/groups"),
                          ("https://intranet.example.org/forms/towels", "https://intranet.example.org/forms/towels")]:
        link = word.document.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        word.xml(f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{bullets}"/></w:numPr></w:pPr>'
                 f'<w:r><w:t xml:space="preserve">See the </w:t></w:r><w:hyperlink r:id="{link}"><w:r>'
                 f'<w:t>{text}</w:t></w:r></w:hyperlink></w:p>')

    sop, _ = _import(run_cli, example_project, word)

    assert sop["references"] == ["See the Groups procedure (https://intranet.example.org/sops/groups)",
                                 "See the https://intranet.example.org/forms/towels"]
