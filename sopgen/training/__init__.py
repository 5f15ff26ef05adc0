"""Training built on the SOP library: programmes, sign-off records, daily briefs and LMS exports.

programme.py   programme.yaml: the model, validated with source positions
records.py     records/*.yaml: who was signed off on which SOP, by whom and when
objectives.py  the learning-objective wording rule (SOP114) run over a programme
context.py     template data for the trainer guide and the workbook
matrix.py      the competency matrix: statuses, HTML context and CSV
outputs.py     what `sopgen build` adds for each programme
brief.py       the daily line-up card, rotated by date
exports/       quiz (GIFT, Aiken) and SCORM 1.2 packages
commands.py    the steps behind `sopgen brief` and `sopgen export`
"""
