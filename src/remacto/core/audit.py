"""The audit log of staff actions: services call :func:`record` inside their transaction for every staff action;
pages show each entry as a sentence in the reader's language (:func:`describe`).

Each action code maps to a gettext sentence whose placeholders are the object (``%(object)s``, its name when
recorded) and the entry's details. Coded details (phases, roles, decisions…) are shown with the label of the
model field whose choices they come from, in the reader's language. Every value is isolated (``<bdi>``) so
names, numbers, dates and cycles keep their order inside right-to-left text.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from .bidi import isolate
from .formatting import format_mad
from .models import AuditLogEntry


@dataclass(frozen=True)
class Action:
    """How one action code reads: a msgid with placeholders, which details are codes of a model field, and which
    are amounts in dirhams (written the reader's way, ``85.000,00 درهم``)."""

    sentence: str
    coded: dict[str, str] = field(default_factory=dict)  # detail key -> "app_label.Model.field"
    amounts: tuple[str, ...] = ()


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")

ACTIONS: dict[str, Action] = {
    "programme.create": Action(gettext_noop("Opened the programme %(object)s")),
    "programme.phase_dates": Action(
        gettext_noop("Set the dates of the phase “%(phase)s” of %(object)s: %(starts_on)s – %(ends_on)s"),
        {"phase": "cocreation.Programme.phase"},
    ),
    "programme.phase": Action(
        gettext_noop("Moved %(object)s from “%(from_phase)s” to “%(to)s”"),
        {"from_phase": "cocreation.Programme.phase", "to": "cocreation.Programme.phase"},
    ),
    "programme.adopt": Action(
        gettext_noop("Recorded the council's adoption of %(object)s (deliberation no. %(deliberation)s)")
    ),
    "axis.save": Action(gettext_noop("Saved the axis %(object)s")),
    "meeting.save": Action(
        gettext_noop("Saved the meeting %(object)s (%(kind)s)"), {"kind": "cocreation.Meeting.kind"}
    ),
    "meeting.attendance": Action(gettext_noop("Recorded the attendance of %(object)s: %(total)s people")),
    "committee.save": Action(
        gettext_noop("Saved the committee seat of %(object)s (%(kind)s)"), {"kind": "cocreation.CommitteeMember.kind"}
    ),
    "ideas.record": Action(
        gettext_noop("Recorded %(count)s ideas received by “%(channel)s” for %(object)s"),
        {"channel": "cocreation.Idea.channel"},
    ),
    "idea.triage": Action(
        gettext_noop("Decided on the idea %(object)s: %(decision)s"), {"decision": "cocreation.TriageDecision.decision"}
    ),
    "project.create": Action(gettext_noop("Drafted the project %(object)s")),
    "project.update": Action(gettext_noop("Edited the project %(object)s")),
    "project.amend": Action(gettext_noop("Recorded an amendment of the project %(object)s")),
    "consultation.answer": Action(gettext_noop("Answered a contribution to the consultation: %(object)s")),
    "opinion.record": Action(gettext_noop("Recorded an opinion: %(object)s")),
    "role.grant": Action(gettext_noop("Granted the role “%(kind)s” to %(user)s"), {"kind": "accounts.Role.kind"}),
    "role.revoke": Action(gettext_noop("Removed the role “%(kind)s” from %(user)s"), {"kind": "accounts.Role.kind"}),
    "participation.hide": Action(gettext_noop("Hid %(object)s. Reason: %(reason)s")),
    "participation.restore": Action(gettext_noop("Restored %(object)s. Reason: %(reason)s")),
    "participation.dismiss_flags": Action(gettext_noop("Dismissed the reports on %(object)s. Reason: %(reason)s")),
    "discussion.start": Action(gettext_noop("Opened the discussion %(object)s")),
    "campaign.create": Action(gettext_noop("Opened the participatory budget %(object)s")),
    "campaign.update": Action(gettext_noop("Changed the settings of the participatory budget %(object)s")),
    "campaign.districts": Action(gettext_noop("Set the districts or categories of %(object)s: %(count)s in all")),
    "campaign.lock_rules": Action(gettext_noop("Locked the ballot, counting rule and eligibility of %(object)s")),
    "campaign.desk_codes": Action(
        gettext_noop("Issued %(count)s one-time voting codes for %(object)s (batch “%(batch)s”)")
    ),
    "proposal.review": Action(
        gettext_noop("Reviewed the proposal %(object)s: %(status)s; cost after review: %(cost)s"),
        {"status": "budgets.Proposal.status"},
        amounts=("cost",),
    ),
    "proposal.appeal": Action(
        gettext_noop("Answered the appeal on the proposal %(object)s: %(decision)s; cost after review: %(cost)s"),
        {"decision": "budgets.Appeal.decision"},
        amounts=("cost",),
    ),
    "proposal.promote": Action(gettext_noop("Promoted the idea no. %(idea)s to the proposal %(object)s")),
    "paper.batch_open": Action(gettext_noop("Opened the batch of paper ballots of the desk %(object)s")),
    "paper.batch_close": Action(
        gettext_noop("Closed the batch of paper ballots of the desk %(object)s: %(sheets)s sheets")
    ),
    "paper.entry": Action(
        gettext_noop("Typed sheet %(sheet)s of the desk %(object)s (%(round)s): %(outcome)s"),
        {"round": "budgets.PaperEntry.round", "outcome": "budgets.PaperEntry.outcome"},
    ),
    "paper.correct": Action(
        gettext_noop("Corrected sheet %(sheet)s of the desk %(object)s: %(outcome)s"),
        {"outcome": "budgets.PaperEntry.outcome"},
    ),
    "integrity.scan": Action(gettext_noop("Ran the integrity checks of %(object)s")),
    "integrity.clear": Action(gettext_noop("Cleared the integrity signal %(object)s. Reason: %(reason)s")),
    "ballot.exclude": Action(
        gettext_noop("Excluded ballot no. %(ballot)s from the count (signal %(object)s). Reason: %(reason)s")
    ),
    "ballot.reinclude": Action(
        gettext_noop("Counted ballot no. %(ballot)s again (signal %(object)s). Reason: %(reason)s")
    ),
    "campaign.count": Action(gettext_noop("Started a count of the ballots of %(object)s")),
    "campaign.publish_results": Action(
        gettext_noop("Published the results of %(object)s: %(selected)s projects selected")
    ),
    "proposal.implementation": Action(
        gettext_noop("Updated the implementation of %(object)s: %(status)s, %(progress)s%%"),
        coded={"status": "budgets.Proposal.implementation_status"},
    ),
    "campaign.import": Action(
        gettext_noop("Imported the past participatory budget %(object)s from %(source)s: %(ballots)s ballots")
    ),
    "progress.post": Action(
        gettext_noop("Posted a progress update of %(object)s: %(progress)s%% on %(reported_on)s (%(status)s)"),
        {"status": "cocreation.Project.status"},
    ),
    "project.assign": Action(gettext_noop("Assigned %(user)s to post the progress of %(object)s")),
    "project.unassign": Action(gettext_noop("Withdrew %(user)s from posting the progress of %(object)s")),
    "alert.acknowledge": Action(
        gettext_noop("Acknowledged the alert “%(kind)s” on the project %(object)s. Note: %(note)s"),
        {"kind": "monitoring.Alert.kind"},
    ),
    "observation.answer": Action(
        gettext_noop("Answered the observation no. %(observation)s on the project %(object)s")
    ),
    "review.record": Action(
        gettext_noop("Recorded the review meeting %(object)s of %(held_on)s: %(decisions)s decisions")
    ),
    "spending.record": Action(
        gettext_noop(
            "Recorded a spending line (%(kind)s) of %(amount)s, reference %(reference)s, for the project %(object)s"
        ),
        {"kind": "monitoring.SpendingLine.kind"},
        amounts=("amount",),
    ),
    "spending.import": Action(
        gettext_noop("Imported %(count)s spending lines (%(total)s in all) from the file %(object)s"),
        amounts=("total",),
    ),
    "evaluation.criteria_defaults": Action(
        gettext_noop("Set up the default scorecard of %(object)s: %(count)s criteria")
    ),
    "evaluation.criterion_add": Action(gettext_noop("Added the scorecard criterion %(object)s")),
    "evaluation.criterion_edit": Action(gettext_noop("Edited the scorecard criterion %(object)s")),
    "evaluation.criterion_move": Action(
        gettext_noop("Moved the scorecard criterion %(object)s to position %(position)s")
    ),
    "evaluation.criterion_remove": Action(gettext_noop("Removed the scorecard criterion %(object)s")),
    "evaluation.open": Action(gettext_noop("Opened the evaluation of %(object)s: %(opens_on)s – %(closes_on)s")),
    "evaluation.scorecard": Action(gettext_noop("Filled a scorecard of the evaluation of %(object)s")),
    "evaluation.publish": Action(
        gettext_noop(
            "Published the evaluation of %(object)s: %(answers)s citizens' answers and %(scorecards)s scorecards"
        )
    ),
    "account.delete": Action(
        gettext_noop("Deleted their account: %(ideas_kept)s ideas and %(comments_kept)s comments stay, unsigned")
    ),
    "holiday.save": Action(
        gettext_noop("Saved the holiday %(object)s (open deadlines moved: %(moved)s)"),
        {"key": "cases.IslamicHoliday.key"},
    ),
    "holiday.delete": Action(
        gettext_noop("Removed the holiday %(object)s (open deadlines moved: %(moved)s)"),
        {"key": "cases.IslamicHoliday.key"},
    ),
    "advisory.body_create": Action(gettext_noop("Set up the advisory body %(object)s")),
    "advisory.body_update": Action(gettext_noop("Changed the advisory body %(object)s")),
    "advisory.member_add": Action(gettext_noop("Added %(member)s to the advisory body %(object)s")),
    "advisory.member_remove": Action(gettext_noop("Removed %(member)s from the advisory body %(object)s")),
    "advisory.meeting_save": Action(gettext_noop("Recorded the meeting of %(held_on)s of %(object)s")),
    "advisory.request": Action(gettext_noop("Asked %(body)s for its opinion: %(object)s")),
    "advisory.opinion": Action(gettext_noop("Recorded the opinion of %(body)s: %(object)s")),
    "advisory.request_close": Action(gettext_noop("Closed the opinion request %(object)s without an opinion")),
    "petition.review": Action(gettext_noop("Took up the petition %(object)s for the bureau's review")),
    "petition.accept": Action(
        gettext_noop("Accepted the petition %(object)s: on the agenda of the session of %(session)s")
    ),
    "petition.reject": Action(gettext_noop("Rejected the petition %(object)s with a reasoned decision")),
    "petition.outcome": Action(gettext_noop("Recorded the session's outcome on the petition %(object)s")),
    "petition.paper": Action(
        gettext_noop("Typed a paper list of %(count)s signatures, collected on %(collected_on)s, for %(object)s")
    ),
    "petition.threshold": Action(gettext_noop("Changed the petition threshold %(object)s")),
    "petition.lapse": Action(
        gettext_noop("The petition %(object)s lapsed with %(signatures)s of the %(required)s signatures required")
    ),
    "collectivity.population": Action(gettext_noop("Recorded the legal population of %(object)s: %(population)s")),
    "information.record": Action(
        gettext_noop("Recorded the information request %(object)s received %(channel)s"),
        {"channel": "information.InformationRequest.channel"},
    ),
    "information.assign": Action(gettext_noop("Put %(user)s in charge of the information request %(object)s")),
    "information.extend": Action(
        gettext_noop("Extended the deadline of the information request %(object)s to %(due)s")
    ),
    "information.answer": Action(gettext_noop("Answered the information request %(object)s")),
    "information.refuse": Action(
        gettext_noop("Refused the information request %(object)s: %(reason)s"),
        {"reason": "information.InformationRequest.refusal_reason"},
    ),
    "information.publish": Action(gettext_noop("Published the answer to the information request %(object)s")),
    "information.unpublish": Action(
        gettext_noop("Withdrew the published answer to the information request %(object)s")
    ),
    "information.complaint_answer": Action(
        gettext_noop("Recorded the answer to the complaint about the information request %(object)s: %(outcome)s"),
        {"outcome": "information.Complaint.outcome"},
    ),
    "disclosure.publish": Action(
        gettext_noop("Published the document %(object)s (%(category)s)"),
        {"category": "information.DisclosureDocument.category"},
    ),
    "disclosure.remove": Action(gettext_noop("Withdrew the published document %(object)s")),
    "membership.decide": Action(
        gettext_noop("Decided on the membership application %(object)s: %(decision)s"),
        {"decision": "network.MembershipApplication.status"},
    ),
    "news.save": Action(
        gettext_noop("Saved the news post %(object)s (%(status)s)"), {"status": "network.NewsPost.status"}
    ),
    "support.reply": Action(
        gettext_noop("Replied to the support ticket %(object)s (%(status)s)"), {"status": "support.Ticket.status"}
    ),
    "support.status": Action(
        gettext_noop("Moved the support ticket %(object)s from “%(from_status)s” to “%(to)s”"),
        {"from_status": "support.Ticket.status", "to": "support.Ticket.status"},
    ),
    "support.target": Action(
        gettext_noop("Set the response-time target of “%(category)s” to %(days)s working days"),
        {"category": "support.ResponseTarget.category"},
    ),
    "support.faq": Action(gettext_noop("Published the FAQ entry %(object)s")),
    "support.faq_remove": Action(gettext_noop("Removed the FAQ entry %(object)s")),
    "practice.submit": Action(gettext_noop("Submitted the good practice %(object)s")),
    "practice.update": Action(gettext_noop("Corrected the good practice %(object)s")),
    "practice.changes": Action(gettext_noop("Asked for changes on the good practice %(object)s: %(reason)s")),
    "practice.publish": Action(gettext_noop("Published the good practice %(object)s")),
    "practice.unpublish": Action(gettext_noop("Withdrew the good practice %(object)s: %(reason)s")),
    "practice.template": Action(gettext_noop("Used the good practice %(practice)s as a template for %(object)s")),
    "events.save": Action(gettext_noop("Saved the event %(object)s")),
    "events.agenda": Action(gettext_noop("Set the agenda of %(object)s: %(count)s items")),
    "events.output": Action(gettext_noop("Added an output to %(object)s: %(title)s")),
    "events.attendance": Action(gettext_noop("Marked %(object)s present")),
    "netdash.refresh": Action(gettext_noop("Asked for the network dashboard's figures to be computed again")),
}


def record(actor, action: str, obj: models.Model, *, collectivity=None, **details: Any) -> AuditLogEntry:
    """Append one entry for ``actor`` doing ``action`` on ``obj``.

    ``details`` must never hold secrets or national ID numbers: only what a reviewer needs to understand the action.
    """
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        collectivity=collectivity,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        details=details,
    )


def _label(path: str, code: Any) -> str:
    """The reader's-language label of ``code`` among the choices of the model field ``path``."""
    app_label, model_name, field_name = path.split(".")
    choices = dict(apps.get_model(app_label, model_name)._meta.get_field(field_name).flatchoices)
    return str(choices.get(code, code))


def describe(entry: AuditLogEntry) -> SafeString:
    """``entry`` as a sentence in the active language; an unknown code shows as itself with the object's name."""
    action = ACTIONS.get(entry.action)
    if action is None:
        return format_html("<code>{}</code> {}", entry.action, isolate(entry.object_repr))
    details = entry.details if isinstance(entry.details, dict) else {}
    values: dict[str, Any] = {"object": entry.object_repr, "user": entry.object_repr}
    values.update({key: value for key, value in details.items() if isinstance(value, str | int | float)})
    values.update({key: _label(path, details.get(key)) for key, path in action.coded.items()})
    values.update({key: format_mad(details[key]) for key in action.amounts if details.get(key) not in (None, "")})
    sentence = gettext(action.sentence)
    isolated = {
        key: isolate(values.get(key)) if values.get(key) != "" else "—" for key in _PLACEHOLDER.findall(sentence)
    }
    return mark_safe(conditional_escape(sentence) % isolated)  # noqa: S308 - escaped sentence, isolated values
