"""Findings written out for people and machines: text, JSON, GitHub annotations and SARIF.

report.py      Problems to text, JSON, GitHub workflow commands and SARIF
github_log.py  escaping for GitHub's workflow-command log lines
repo_paths.py  paths as the repository names them, for code hosts
statistics.py  `--statistics`: findings per rule, most frequent first
"""
