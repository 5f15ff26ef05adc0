"""The library against a git revision: review checks, version bumps and the diff for a pull request.

library.py       every SOP of the project read at once, with what changed against the ref
engine.py        runs the review rules (SOP2xx) across SOP files and their previous versions
baseline.py      the SOPs as they were at a git revision
changes.py       what changed in each SOP: steps, cues and recovery added, removed or reworded
gitrefs.py       reading files at a revision through git, safely
markdown_diff.py `sopgen diff`'s Markdown summary for a pull-request comment
"""
