"""Turning a validated project into handbooks, checklists, a site and Markdown."""
