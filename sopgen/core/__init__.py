"""What every command stands on: reading input files, their declared shapes, the models, config and Problem.

reader.py          the one way an input file is read: limits, the link rule, unsaved buffers, positions
load.py            YAML with line and column marks for every value
schema.py          Field and Shape: declared shapes, validated all at once with positions
models.py          the SOP and its parts, built from a validated mapping, with their own checks
step_phases.py     steps written in phases, read as one list numbered across them
sop_content.py     checks on scope, when, meta and figures, and text an output would lose
figures.py         a figure's file: under assets/, a raster image, within the size limit
config.py          sopgen.yaml: journey, limits, lint settings, draft policy, and its checks
library.py         the SOP library, read once per command
project.py         the project on disk: its root and its SOPs in journey order
sources.py         the project's own files and folders, which no output may touch
problems.py        Problem: one finding of any kind, with path, line, column, code and hint
input_checks.py    the input checks (SOP0xx) as data: code, name, what it means, what to do
errors.py          the exceptions a command turns into exit status 2
clock.py           the day a command works as of (SOURCE_DATE_EPOCH for reproducible builds)
printable.py       text made safe to print on a terminal
markdown_limits.py how much inline Markdown one field may ask of the renderer
hidden_text.py     invisible characters and look-alike letters
versions.py        comparing document versions as people write them
"""
