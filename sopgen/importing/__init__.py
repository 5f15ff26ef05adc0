"""`sopgen import`: Word and Markdown SOPs turned into draft SOP files.

A reader turns each document into an outline (outline.py), the mapping says which
heading or column feeds which field (mapping.py), interpret.py builds a draft from
the two, yaml_text.py writes it with comments for what had no field, and
command.py writes the files and prints the coverage report (coverage.py).
python-docx and markdown-it-py are imported only by their readers.
"""
