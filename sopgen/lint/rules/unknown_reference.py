"""A `supersedes` entry that names no SOP in the library.

`supersedes` lists the ids of the SOPs this one replaces, so that a reader
can follow how a standard changed and the old SOP can be retired. An id that
matches no SOP is usually a typo, or an SOP that was renamed or deleted: the
link leads nowhere and the old SOP may stay in force by mistake.

Bad: supersedes: [reception-vistor-book]
Good: supersedes: [reception-visitor-book]
"""

from ...core.schema import did_you_mean

CODE = "SOP201"
NAME = "unknown-reference"
SEVERITY = "error"
KIND = "library"
MESSAGE = "supersedes an unknown SOP"
HINT = "use the id of an SOP in the library, exactly as written on its 'id:' line"


def check(sop, library):
    others = [sop_id for sop_id in library if sop_id != sop.id]
    for index, target in enumerate(sop.supersedes):
        if target not in library:
            yield (sop, f"supersedes[{index}]",
                   f"supersedes '{target}', which is not the id of any SOP{did_you_mean(target, others)}", None)
