"""The library against a git revision: review checks, version bumps and the diff for a pull request.

library.py       the library's SOPs against the changes since a ref, with their versions
engine.py        runs the review rules (SOP2xx) across SOP files and their previous versions
baseline.py      the SOPs as they were at a git revision
changes.py       what changed in each SOP: steps, cues and recovery added, removed or reworded
gitrefs.py       reading files at a revision through git, safely
markdown_diff.py `sopgen diff`'s Markdown summary for a pull-request comment
"""
