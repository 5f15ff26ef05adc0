"""An SOP whose content changed without a higher version.

The version tells colleagues, trainers and auditors which text they are
looking at; a printed copy or a training record names it. When what an SOP
says changes (anything but comments and layout), its version must go up.
Dotted numbers compare number by number, so 1.10 comes after 1.9.

Bad: a step reworded, version still "1.2"
Good: a step reworded, version "1.3" with a revisions entry for 1.3
"""

CODE = "SOP203"
NAME = "version-not-bumped"
SEVERITY = "error"
KIND = "versions"
MESSAGE = "changed without a higher version"
HINT = "raise the version and add a revisions entry for it"


def check(old, new, ref):
    from ...core.versions import is_newer, next_version, same_version   # here: `sopgen lint` never runs this rule

    if not old.version or not new.version or is_newer(new.version, old.version):
        return
    following = next_version(old.version)
    hint = (f"raise the version, for example to \"{following}\", and add a revisions entry for it"
            if following else HINT)
    if same_version(new.version, old.version):
        message = f"the SOP changed since {ref} but its version is still '{new.version}'"
    else:
        message = f"the SOP changed since {ref} but its version '{new.version}' is not higher than '{old.version}'"
    yield new, "version", message, hint
