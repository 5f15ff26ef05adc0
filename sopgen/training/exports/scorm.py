"""A SCORM 1.2 package: one SCO per module, its content as HTML, progress reported to the LMS.

    imsmanifest.xml     the organisation (one item per module, with the pass mark as its mastery
                        score) and every file in the package
    module-01.html …    a module: objectives, each SOP with its open questions, then a quiz of the
                        module's multiple-choice questions
    scorm.js            finds the LMS API; reports the quiz's score and passed or failed against the
                        pass mark (completed when there is no pass mark, or no quiz, at the module's
                        end) and the session time
    scorm.css

The zip is reproducible: entries in a fixed order with a fixed timestamp.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (f"{IMSCP} imscp_rootv1p1p2.xsd "
                   "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
                   f"{ADLCP} adlcp_rootv1p2.xsd")
SHARED_FILES = ("scorm.css", "scorm.js")
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


@dataclass
class Course:
    identifier: str             # an id: lowercase letters, digits and hyphens
    title: str
    modules: list[dict]         # module contexts: number, title, focus, objectives, sops
    unit: str = "Week"          # what a module is called: a week of a programme, a part of the library


def module_file(module: dict) -> str:
    return f"module-{module['number']:02d}.html"


def manifest(course: Course, module_files: list[tuple[dict, str]]) -> bytes:
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{IMSCP}}}manifest", {"identifier": f"sopgen-{course.identifier}", "version": "1.2",
                                                f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{{{IMSCP}}}organizations", {"default": "organisation"})
    organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": "organisation"})
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = course.title
    resources = ET.SubElement(root, f"{{{IMSCP}}}resources")
    for module, name in module_files:
        number = f"{module['number']:02d}"
        item = ET.SubElement(organization, f"{{{IMSCP}}}item", {"identifier": f"item-{number}",
                                                                 "identifierref": f"resource-{number}",
                                                                 "isvisible": "true"})
        ET.SubElement(item, f"{{{IMSCP}}}title").text = f"{course.unit} {module['number']}: {module['title']}"
        mark = pass_mark(module)
        if mark is not None:  # LMSs may judge passed or failed from the score themselves
            ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(mark)
        resource = ET.SubElement(resources, f"{{{IMSCP}}}resource", {
            "identifier": f"resource-{number}", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco",
            "href": name})
        ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": name})
        ET.SubElement(resource, f"{{{IMSCP}}}dependency", {"identifierref": "shared"})
    shared = ET.SubElement(resources, f"{{{IMSCP}}}resource", {
        "identifier": "shared", "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"})
    for name in SHARED_FILES:
        ET.SubElement(shared, f"{{{IMSCP}}}file", {"href": name})
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def pass_mark(module: dict) -> int | None:
    return (module.get("assessment") or {}).get("quiz_pass_mark")


def quiz(module: dict) -> dict | None:
    """The module's multiple-choice questions as a scored quiz, with the answer key the page checks against."""
    questions = [{"id": f"q{number}", "sop": sop["title"], "question": question["question"],
                  "choices": question["choices"]}
                 for number, (sop, question) in enumerate(
                     ((sop, q) for sop in module["sops"] for q in sop["knowledge_check"] if q["choices"]), start=1)]
    if not questions:
        return None
    key = [next(i for i, choice in enumerate(q["choices"]) if choice["correct"]) for q in questions]
    return {"questions": questions, "key": key, "pass_mark": pass_mark(module)}


def package(course: Course, render) -> bytes:
    """The zip: ``render(template, **context)`` turns scorm/ templates into text."""
    files: dict[str, bytes] = {}
    module_files = []
    for module in course.modules:
        name = module_file(module)
        module_files.append((module, name))
        files[name] = render("scorm/module.html", course={"title": course.title, "unit": course.unit,
                                                       "modules": len(course.modules)},
                             module=module, quiz=quiz(module)).encode("utf-8")
    for name in SHARED_FILES:
        files[name] = render(f"scorm/{name}").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [("imsmanifest.xml", manifest(course, module_files)), *sorted(files.items())]
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
