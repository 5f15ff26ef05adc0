"""What `sopgen status` prints: every SOP's document control, and the SOPs that need attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.models import Sop


@dataclass(frozen=True)
class ReviewStatus:
    sops: list[Sop]
    overdue: list[Sop]           # in use and past their review date
    drafts: list[Sop]            # waiting for approval
    no_approver: list[Sop]       # approved, with nobody recorded as approving them

    @property
    def needs_attention(self) -> bool:
        return bool(self.overdue or self.drafts or self.no_approver)


def review_status(sops: list[Sop], today: dt.date) -> ReviewStatus:
    return ReviewStatus(
        sops,
        [sop for sop in sops if sop.status != "retired" and sop.review_by and sop.review_by < today],
        [sop for sop in sops if sop.status == "draft"],
        [sop for sop in sops if sop.status == "approved" and not sop.approved_by],
    )


def format_status(status: ReviewStatus, today: dt.date) -> str:
    header = ("SOP", "Status", "Version", "Owner", "Review by")
    overdue = {sop.id for sop in status.overdue}
    rows = [(sop.id, sop.status, sop.version, sop.owner,
             (sop.review_by.isoformat() if sop.review_by else "–") + (" overdue" if sop.id in overdue else ""))
            for sop in status.sops]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in (header, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines += _section(f"Past their review date (today is {today.isoformat()})", status.overdue,
                      lambda sop: f"review was due {sop.review_by.isoformat()}, "
                                  f"{(today - sop.review_by).days} days ago; owner {sop.owner}")
    lines += _section("Drafts waiting for approval", status.drafts,
                      lambda sop: f"version {sop.version}; owner {sop.owner}")
    lines += _section("Approved with no approver recorded", status.no_approver,
                      lambda sop: f"add 'approved_by:' to {sop.path}")
    if not status.needs_attention:
        lines += ["", "Every SOP is approved, has its approver recorded and is within its review date."]
    return "\n".join(lines) + "\n"


def _section(title: str, sops: list[Sop], detail) -> list[str]:
    if not sops:
        return []
    return ["", f"{title}: {len(sops)}", *(f"  {sop.id}: {detail(sop)}" for sop in sops)]
