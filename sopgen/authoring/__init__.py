"""Starting and describing SOPs: `sopgen init`, `sopgen new` and `sopgen schema`.

scaffold.py       the files of a new project, from the templates in sopgen/starter/
new_sop.py        a draft SOP with the parts to fill in marked TODO
schema_export.py  JSON Schemas generated from the declared shapes, for editors
install_source.py where the running sopgen came from, for the CI workflow `init` writes
"""
