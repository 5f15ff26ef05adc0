"""An SOP replaced by an approved SOP but not retired.

When an approved SOP supersedes another, the old one no longer applies;
while it is still approved (or a draft) it stays in the handbook and on the
site, and colleagues meet two standards for the same thing. The finding is
reported at the old SOP's status. A draft that supersedes an SOP does not
count: the old SOP applies until the new one is approved.

Bad: supersedes: [reception-visitor-book], while reception-visitor-book has status: approved
Good: supersedes: [reception-visitor-book], and reception-visitor-book has status: retired
"""

CODE = "SOP202"
NAME = "superseded-not-retired"
SEVERITY = "warning"
KIND = "library"
MESSAGE = "superseded SOP not retired"
HINT = "set 'status: retired' in the superseded SOP"


def check(sop, library):
    if sop.status != "approved":
        return
    for target_id in sop.supersedes:
        target = library.get(target_id)
        if target is not None and target is not sop and target.status != "retired":
            yield (target, "status",
                   f"'{target.id}' is superseded by '{sop.id}' ({sop.path}) but its status is '{target.status}'",
                   f"set 'status: retired' here, or take '{target.id}' out of the supersedes list of '{sop.id}'")
