"""What a Word document holds that the importer does not read, named for the coverage report.

Text boxes, comments, footnotes, charts and drawn shapes are not imported; tracked changes are read
as if accepted. A draft that looks complete but silently lost these would be worse than one that
says so.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from .docx_text import find
from .outline import clean_text

_SHOWN = 60     # characters of a text box quoted in the report


def in_paragraph(paragraph_element, where: str) -> list[str]:
    found = []
    for box in find(paragraph_element, ".//w:txbxContent[not(ancestor::mc:Fallback)]"):
        text = clean_text(" ".join(find(box, ".//w:t/text()")))
        if text:
            shown = text if len(text) <= _SHOWN else text[:_SHOWN].rsplit(" ", 1)[0] + " …"
            found.append(f'a text box ({where}) was not imported: "{shown}"; copy its text into the draft if '
                         f'it matters')
    for drawing in find(paragraph_element, "(.//wp:inline | .//wp:anchor)[not(ancestor::mc:Fallback)]"):
        if find(drawing, ".//a:blip") or find(drawing, ".//w:txbxContent"):
            continue
        found.append(f"a chart, diagram or drawn shape ({where}) was not imported (only pictures are); "
                     f"export it as a PNG and add it to 'figures' yourself")
    if find(paragraph_element, ".//w:object"):
        found.append(f"an embedded object ({where}) was not imported")
    return found


def document_wide(document) -> list[str]:
    body = document.element.body
    found = []
    inserted = len(find(body, ".//w:ins | .//w:moveTo"))
    deleted = len(find(body, ".//w:del | .//w:moveFrom"))
    if inserted or deleted:
        found.append(f"the document has tracked changes ({inserted} insertion(s), {deleted} deletion(s)) that are "
                     f"not accepted; it was read as if all were accepted. Accept or reject them in Word and "
                     f"check the draft against the result")
    comments = _count(document, "comments", "w:comment")
    if comments:
        found.append(f"{comments} comment(s) in the document were not imported; read them in Word")
    for kind in ("footnote", "endnote"):
        notes = _count(document, f"{kind}s", f"w:{kind}", real_notes=True)
        if notes:
            found.append(f"{notes} {kind}(s) were not imported; copy what matters into the draft")
    return found


def is_table_of_contents(content_control) -> bool:
    gallery = find(content_control, "./w:sdtPr/w:docPartObj/w:docPartGallery/@w:val")
    return bool(gallery) and "contents" in gallery[0].lower()


def _count(document, part_name: str, tag: str, real_notes: bool = False) -> int:
    for part in document.part.package.iter_parts():
        if str(part.partname) != f"/word/{part_name}.xml":
            continue
        from lxml import etree

        try:
            root = etree.fromstring(part.blob)
        except etree.XMLSyntaxError:
            return 0
        items = root.findall(qn(tag))
        if real_notes:          # the separator "notes" Word always writes have a w:type
            items = [item for item in items if item.get(qn("w:type")) in (None, "normal")]
        return len(items)
    return 0
