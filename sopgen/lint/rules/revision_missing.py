"""A changed SOP with no revisions entry for its version.

The revision history is where a reader learns what changed, when, by whom
and why. Every new version gets an entry, newest first, whose `version`
matches the SOP's `version`.

Bad: version "1.3", revisions starting at version "1.2"
Good: version "1.3", revisions starting with version "1.3", its date, who and what changed
"""

CODE = "SOP204"
NAME = "revision-missing"
SEVERITY = "error"
KIND = "versions"
MESSAGE = "no revisions entry for the new version"
HINT = "add a revisions entry for the new version"


def check(old, new, ref):
    from ...core.versions import same_version   # here, not above: `sopgen lint` never runs this rule

    if not new.version or any(same_version(entry.version, new.version) for entry in new.revisions):
        return
    yield (new, "version", f"the SOP changed since {ref} but its revisions have no entry for version '{new.version}'",
           f"add a revisions entry at the top with version: \"{new.version}\", the date, who made the change "
           f"and what changed")
