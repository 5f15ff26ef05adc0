"""What every command stands on: reading input files, their declared shapes, the models, config and Problem.

reader.py          the one way input files are read: listing, the link rule, limits, display names
library.py         sopgen.yaml and the SOP files, read once per command
load.py            YAML with line and column marks for every value, within the project's limits
schema.py          Field and Shape: declared shapes, validated all at once with positions
models.py          the SOP and its parts, built from a validated mapping
config.py          sopgen.yaml: journey, limits, lint settings, draft policy
project.py         the project on disk: its root, its SOP files and their semantic checks
problems.py        Problem: one finding of any kind, with path, line, column, code and hint
errors.py          the exceptions a command turns into exit status 2
printable.py       text made safe to print on a terminal
markdown_limits.py how much inline Markdown one field may ask of the renderer
hidden_text.py     invisible characters and look-alike letters
versions.py        comparing document versions as people write them
"""
