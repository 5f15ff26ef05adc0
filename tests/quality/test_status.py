"""`sopgen status`: document control for every SOP, and what is overdue or waiting for approval."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sopgen.core.models import Sop
from sopgen.quality.status import format_status, review_status

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 23)


def sop(sop_id: str, status: str = "approved", review_by: str | None = "2027-01-01",
        approved_by: str | None = "Guest Services Manager") -> Sop:
    return Sop(id=sop_id, title=sop_id, touchpoint="door", version="1.0", status=status, owner="Head Concierge",
               approved_by=approved_by, review_by=dt.date.fromisoformat(review_by) if review_by else None)


def test_an_sop_in_use_past_its_review_date_is_overdue_but_one_due_today_or_retired_is_not():
    status = review_status([sop("late", review_by="2026-11-22"), sop("today", review_by="2026-11-23"),
                            sop("old", status="retired", review_by="2020-01-01"), sop("undated", review_by=None),
                            sop("draft-late", status="draft", review_by="2026-01-01", approved_by=None)], TODAY)
    assert [s.id for s in status.overdue] == ["late", "draft-late"]


def test_drafts_and_approved_sops_with_no_approver_need_attention():
    status = review_status([sop("draft", status="draft", approved_by=None), sop("nobody", approved_by=None),
                            sop("fine")], TODAY)
    assert [s.id for s in status.drafts] == ["draft"]
    assert [s.id for s in status.no_approver] == ["nobody"]
    assert status.needs_attention


def test_the_table_shows_every_sop_and_the_lists_say_what_to_do():
    status = review_status([sop("door-late", review_by="2026-10-13"), sop("door-nobody", approved_by=None)], TODAY)
    text = format_status(status, TODAY)
    header, rule, *rows = text.split("\n\n")[0].splitlines()
    assert header.split() == ["SOP", "Status", "Version", "Owner", "Review", "by"]
    assert set(rule) <= {"-", " "}
    assert rows[0].split() == ["door-late", "approved", "1.0", "Head", "Concierge", "2026-10-13", "overdue"]
    assert "Past their review date (today is 2026-11-23): 1\n  door-late: review was due 2026-10-13, 41 days ago" \
        in text
    assert "Approved with no approver recorded: 1\n  door-nobody: add 'approved_by:'" in text


def test_all_is_well_is_said_plainly():
    assert "Every SOP is approved" in format_status(review_status([sop("fine")], TODAY), TODAY)


def test_the_example_library_has_one_overdue_sop_and_fails_with_fail_on_overdue(run_cli):
    code, out, err = run_cli(["status", "--project", REPO, "--today", "2026-11-23", "--fail-on-overdue"])

    assert (code, err) == (1, "")
    overdue = out.split("Past their review date")[1].split("\n\n")[0]
    assert overdue.count("\n  ") == 1 and "business-lounge-closing: review was due 2026-10-13" in overdue
    assert "Drafts waiting for approval: 1\n  concierge-desk-parcels-and-deliveries" in out
    assert len([line for line in out.splitlines() if line.startswith(("door-", "reception-", "bookings-"))]) == 10


def test_without_fail_on_overdue_status_only_reports(run_cli):
    code, _, _ = run_cli(["status", "--project", REPO, "--today", "2026-11-23"])
    assert code == 0


def test_nothing_is_overdue_before_the_review_date(run_cli):
    code, out, _ = run_cli(["status", "--project", REPO, "--today", "2026-10-13", "--fail-on-overdue"])
    assert code == 0 and "Past their review date" not in out


def test_a_today_that_is_not_a_date_is_a_usage_error(run_cli):
    code, _, err = run_cli(["status", "--project", REPO, "--today", "13/10/2026"])
    assert code == 2 and "--today '13/10/2026' is not a date" in err
