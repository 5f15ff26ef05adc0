"""Turning a validated project into handbooks, checklists, a site and Markdown, and writing them out.

renderer.py     one Renderer per command: (template, context) to HTML, or to a PDF job
environment.py  the sandboxed Jinja environment: project templates first, then the built-in ones
budget.py       the time and size a template may take
context.py      what templates see: the journey walked once per build (Handbook)
markup.py       SOP text (inline Markdown) to safe HTML or safe Markdown
handbook.py     the handbook's files: PDFs, the site, Markdown, and the figures beside them
figure_files.py the figures' image files for the site, the Markdown and the PDF renderer
parallel.py     PDF jobs rendered in worker processes
pdf.py          WeasyPrint (its only import) with a fetcher that reads nothing it was not allowed
incremental.py  a rebuild that renders only what changed
cache.py        digests of what the last build wrote
write.py        the only writer: stage every file, then swap them in
"""
