"""From a programme and the library to the data the trainer guide and workbook templates see.

Everything a trainer needs to run a session is gathered here, drawn from the
SOPs themselves: discussion prompts from each step's why and from cues,
role-play scenarios from recovery situations and cues, the knowledge check with
its answers, and what to watch for before signing a trainee off.
"""

from __future__ import annotations

import datetime as dt
import math
from ..core.models import Sop
from ..core.project import Project
from ..render.context import Text, in_handbook, project_context, sop_context
from .programme import Activity, Module, Programme, ProgrammeFile

ACTIVITY_LABELS = {"shadowing": "Shadowing", "role-play": "Role-play", "discussion": "Discussion", "quiz": "Quiz"}

DEFAULT_GUIDANCE = {
    "shadowing": "The trainee shadows an experienced colleague at work, watching for the steps and cues in this "
                 "week's SOPs and asking why each one matters.",
    "role-play": "Run the scenarios below. You play the guest and the trainee responds; then swap, and talk "
                 "about what the guest would remember.",
    "discussion": "Talk through the prompts below. Let the trainee answer in their own words before you "
                  "compare with what to listen for.",
    "quiz": "The trainee answers the knowledge checks in their workbook; mark them with the answers here.",
}

TRAINEE_GUIDANCE = {
    "shadowing": "Work alongside an experienced colleague. Watch for the steps and cues in this week's "
                 "procedures, and ask why they do what they do.",
    "role-play": "Practise the situations in this week's procedures, with your trainer playing the guest.",
    "discussion": "Talk through why each step matters to the guest, in your own words.",
    "quiz": "Answer the knowledge checks in this workbook; your trainer will go through them with you.",
}

DEFAULT_REFLECTION = (
    "What did you see a colleague do this week that you would like to do too? What did it mean for the guest?",
    "Describe a moment when you noticed something about a guest and changed what you did. What did you notice "
    "first?",
    "What will you do differently next week, and why?",
)


def duration(minutes: int) -> str:
    """90 → '1 h 30 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def clock(minutes: int) -> str:
    """Minutes into a session as h:mm, so a plan reads 0:00–0:45."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def programme_context(project: Project, programme_file: ProgrammeFile, programme: Programme, today: dt.date,
                      text: Text, review_copy: bool = False) -> dict:
    sops = {sop.id: sop for sop in project.sops}
    touchpoints = {t.id: t for t in project.config.journey}
    modules = [module_context(module, week, sops, touchpoints, text, programme_file.refresher_months, review_copy)
               for week, module in enumerate(programme.modules, start=1)]
    audience_touchpoints = [touchpoints[t].name for t in programme.audience.touchpoints if t in touchpoints]
    return {
        "project": project_context(project, today, sum(len(m["sops"]) for m in modules), review_copy=review_copy),
        "programme": {
            "id": programme.id,
            "name": programme.name,
            "summary": text(programme.summary) if programme.summary else None,
            "roles": list(programme.audience.roles),
            "touchpoints": audience_touchpoints,
            "weeks": len(modules),
            "sop_count": sum(len(m["sops"]) for m in modules),
            "total_time": duration(sum(m["session_minutes"] for m in modules)),
            "refresher_months": programme_file.refresher_months,
            "records_folder": programme_file.records,
            "modules": modules,
        },
    }


def module_context(module: Module, week: int, sops: dict[str, Sop], touchpoints: dict, text: Text,
                   refresher_months: int, review_copy: bool = False) -> dict:
    """One week; its draft SOPs are left out (named in ``not_yet_approved``) unless this is a review copy."""
    entries, not_yet_approved = [], []
    for sop_id in module.sops:
        sop = sops[sop_id]
        if not in_handbook(sop, review_copy):
            not_yet_approved.append({"title": sop.title, "owner": sop.owner, "version": sop.version})
            continue
        touchpoint = touchpoints.get(sop.touchpoint)
        ref = {"id": sop.touchpoint, "name": touchpoint.name if touchpoint else sop.touchpoint,
               "anchor": f"tp-{sop.touchpoint}"}
        entries.append({**sop_context(sop, ref, text), "anchor": f"week-{week}-{sop.id}",
                        "discussion": discussion_prompts(sop, text), "role_plays": role_plays(sop, text),
                        "performer": sop.roles[0] if sop.roles else None,
                        "objectives": [text(objective) for objective in module.objectives_for(sop.id)]})
    taught = {entry["id"] for entry in entries}
    questions = sum(len(entry["knowledge_check"]) for entry in entries)
    planned = sum(activity.minutes for activity in module.activities)
    assessment = module.assessment
    mark = assessment.quiz_pass_mark
    return {
        "number": week,
        "anchor": f"week-{week}",
        "title": module.title,
        "focus": text(module.focus) if module.focus else None,
        "session_minutes": module.session_minutes,
        "session_length": duration(module.session_minutes),
        # An objective that belongs to an SOP left out (a draft) is left out with it.
        "objectives": [text(objective) for objective, sop_id in zip(module.objectives, _owners(module))
                       if sop_id is None or sop_id in taught],
        "week_objectives": [text(objective) for objective in module.objectives_for(None)],
        "plan": session_plan(module.activities, text),
        "spare_minutes": module.session_minutes - planned,
        "spare_start": clock(planned),
        "session_end": clock(module.session_minutes),
        "activity_types": sorted({a.type for a in module.activities}, key=list(ACTIVITY_LABELS).index),
        "prepare": preparation(module, week, [sops[s] for s in module.sops if in_handbook(sops[s], review_copy)],
                               text),
        "assessment": {
            "observed_by": assessment.observed_by,
            "quiz_pass_mark": mark,
            "questions": questions,
            "to_pass": math.ceil(questions * mark / 100) if mark is not None else None,
            "observe": [text(item) for item in assessment.observe],
        },
        "reflection": [text(prompt) for prompt in module.reflection or DEFAULT_REFLECTION],
        "refresher_months": refresher_months,
        "sops": entries,
        "questions": questions,
        "has_draft": any(entry["is_draft"] for entry in entries),
        "not_yet_approved": not_yet_approved,
    }


def _owners(module: Module) -> tuple[str | None, ...]:
    return module.objective_sops or (None,) * len(module.objectives)


def session_plan(activities: tuple[Activity, ...], text: Text) -> list[dict]:
    plan, start = [], 0
    for activity in activities:
        plan.append({
            "type": activity.type,
            "label": ACTIVITY_LABELS[activity.type],
            "minutes": activity.minutes,
            "start": clock(start),
            "end": clock(start + activity.minutes),
            "description": text(activity.description) if activity.description else DEFAULT_GUIDANCE[activity.type],
            "for_trainee": text(activity.description) if activity.description else TRAINEE_GUIDANCE[activity.type],
        })
        start += activity.minutes
    return plan


def discussion_prompts(sop: Sop, text: Text) -> list[dict]:
    """Every step's why, and the cues not used for role-play, as questions with what to listen for."""
    prompts = [{"kind": "why", "prompt": text(step.do), "listen_for": text(step.why)}
               for step in sop.steps if step.why]
    prompts += [{"kind": "cue", "prompt": text(cue.notice), "listen_for": text(cue.respond)} for cue in sop.cues[1:]]
    return prompts


def role_plays(sop: Sop, text: Text) -> list[dict]:
    """Each recovery situation, then the first cue, as a scenario to play with what to look for."""
    scenarios = [{"kind": "recovery", "situation": text(item.when), "look_for": text(item.do)}
                 for item in sop.recovery]
    scenarios += [{"kind": "cue", "situation": text(cue.notice), "look_for": text(cue.respond)}
                  for cue in sop.cues[:1]]
    return scenarios


def preparation(module: Module, week: int, sops: list[Sop], text: Text) -> list:
    kinds = {activity.type for activity in module.activities}
    roles = list(dict.fromkeys(role for sop in sops for role in sop.roles))
    steps = [f"Read this week's SOPs and week {week} of the workbook."]
    if "shadowing" in kinds:
        who = _join_or(roles) if roles else "colleague"
        steps.append(f"Book a busy shift for the trainee to shadow an experienced {who}.")
    if "role-play" in kinds:
        steps.append("Find a quiet space for the role-plays, and a colleague to play the guest if you would "
                     "rather watch.")
    if "quiz" in kinds:
        steps.append("Remind the trainee to bring their workbook.")
    for sop in sops:
        if sop.status == "draft":
            steps.append(text(f"*{sop.title}* is a draft, in this review copy only: do not train or sign anyone "
                              f"off on it until the {sop.owner} has had it approved."))
    return steps


def _join_or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
