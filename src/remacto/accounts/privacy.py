"""Personal data under law 09-08: what the platform holds about a person, its download, and account deletion.

``LINKS`` names every foreign key to the user model and what deletion does to its rows: ``ERASE`` deletes them
with the account; ``UNLINK`` keeps the row (a public contribution, or a staff record the collectivity must keep)
and removes the person from it, so it shows as "Deleted account". A test fails when a new foreign key to the
user model is not listed here. Sessions hold no foreign key; deletion ends every session of the account.
Stored PDFs that name the person (their attendance certificates, the CDAI complaints of the requests they filed)
are deleted once the deletion is committed.
IP addresses are never stored: the sign-in and sign-up limits count them in the cache, which forgets them when
the limit's window ends.
"""

import json
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core.models import AuditLogEntry
from remacto.events import certificate
from remacto.events.services.registrations import cancel_for_deleted_account
from remacto.information import cdai
from remacto.notifications.models import MSGID_SUFFIX, Notification
from remacto.participation.models import Comment, ModerationAction
from remacto.participation.services import forget_supports

from .models import User
from .services import keep_a_network_admin

ERASE = "erase"
UNLINK = "unlink"


@dataclass(frozen=True)
class Link:
    """One foreign key to the user: its section in the download, what deletion does, the fields exported."""

    key: str
    model: str
    field: str
    fate: str
    fields: tuple[str, ...]


_STAFF_RECORD = ("id",)

LINKS: tuple[Link, ...] = (
    Link("roles", "accounts.role", "user", ERASE, ("kind", "collectivity__slug", "title", "granted_at")),
    Link("roles_granted", "accounts.role", "granted_by", UNLINK, ("kind", "collectivity__slug", "granted_at")),
    Link(
        "organisation_memberships",
        "accounts.organisationmember",
        "user",
        ERASE,
        ("organisation__name", "organisation__slug", "is_admin", "joined_at"),
    ),
    Link("email_addresses", "account.emailaddress", "user", ERASE, ("email", "verified", "primary")),
    # The device's secret never leaves the server, not even in the download.
    Link("two_factor_devices", "mfa.authenticator", "user", ERASE, ("type", "created_at", "last_used_at")),
    Link("admin_site_log", "admin.logentry", "user", ERASE, ("action_time", "object_repr", "change_message")),
    Link(
        "ideas",
        "cocreation.idea",
        "author",
        UNLINK,
        (
            "id",
            "programme__collectivity__slug",
            "programme__cycle",
            "title",
            "problem",
            "solution",
            "expected_impact",
            "place",
            "status",
            "created_at",
        ),
    ),
    Link("ideas_recorded", "cocreation.idea", "recorded_by", UNLINK, ("id", "title", "channel", "created_at")),
    Link(
        "comments",
        "participation.comment",
        "author",
        UNLINK,
        ("id", "content_type__model", "object_id", "body", "created_at", "edited_at", "is_hidden"),
    ),
    Link("supports", "participation.support", "user", ERASE, ("content_type__model", "object_id", "created_at")),
    Link("follows", "participation.follow", "user", ERASE, ("content_type__model", "object_id", "created_at")),
    Link(
        "reports",
        "participation.flag",
        "reporter",
        ERASE,
        ("content_type__model", "object_id", "reason", "details", "created_at"),
    ),
    Link("reports_resolved", "participation.flag", "resolved_by", UNLINK, ("id", "resolution", "resolved_at")),
    Link("moderation_actions", "participation.moderationaction", "moderator", UNLINK, ("id", "action", "created_at")),
    Link("discussions", "participation.discussion", "author", UNLINK, ("id", "title", "created_at")),
    Link(
        "notifications",
        "notifications.notification",
        "recipient",
        ERASE,
        ("kind", "message", "params", "url", "created_at", "read_at"),
    ),
    Link("notification_preference", "notifications.notificationpreference", "user", ERASE, ("email_enabled",)),
    Link(
        "meeting_registrations",
        "cocreation.meetingregistration",
        "user",
        ERASE,
        ("meeting__programme__collectivity__slug", "meeting__programme__cycle", "meeting__id", "created_at"),
    ),
    Link(
        "committee_seats",
        "cocreation.committeemember",
        "user",
        UNLINK,
        ("programme__collectivity__slug", "programme__cycle", "name", "kind", "is_chair"),
    ),
    Link("phase_changes", "cocreation.phasechange", "actor", UNLINK, ("id", "from_phase", "to_phase", "changed_at")),
    Link("triage_decisions", "cocreation.triagedecision", "decided_by", UNLINK, ("idea_id", "decision", "decided_at")),
    Link("workshop_feedback_recorded", "cocreation.workshopfeedback", "recorded_by", UNLINK, _STAFF_RECORD),
    Link("contribution_answers", "cocreation.contributionanswer", "answered_by", UNLINK, _STAFF_RECORD),
    Link("opinions_recorded", "cocreation.opinion", "recorded_by", UNLINK, _STAFF_RECORD),
    Link("adoptions_recorded", "cocreation.adoption", "recorded_by", UNLINK, _STAFF_RECORD),
    Link("amendments_recorded", "cocreation.amendment", "recorded_by", UNLINK, _STAFF_RECORD),
    Link("imports_uploaded", "cocreation.importjob", "uploaded_by", UNLINK, ("id", "name", "created_at")),
    Link(
        "budget_proposals",
        "budgets.proposal",
        "author",
        UNLINK,
        ("id", "campaign__collectivity__slug", "campaign_id", "code", "title", "description", "place", "created_at"),
    ),
    Link("budget_proposals_reviewed", "budgets.proposal", "reviewed_by", UNLINK, ("id", "status", "reviewed_at")),
    Link(
        "budget_appeals_answered", "budgets.appeal", "answered_by", UNLINK, ("proposal_id", "decision", "answered_at")
    ),
    # A ballot outlives its voter's account: it was counted. The download names the campaign and the receipt.
    Link("budget_ballots", "budgets.ballot", "user", UNLINK, ("campaign_id", "receipt", "channel", "cast_at")),
    Link("budget_counts_requested", "budgets.count", "requested_by", UNLINK, ("campaign_id", "status", "created_at")),
    Link(
        "paper_batches_opened", "budgets.paperbatch", "opened_by", UNLINK, ("id", "campaign_id", "desk", "created_at")
    ),
    Link(
        "paper_entries_typed", "budgets.paperentry", "entered_by", UNLINK, ("batch_id", "sheet", "round", "entered_at")
    ),
    Link(
        "integrity_flags_reviewed",
        "budgets.integrityflag",
        "reviewed_by",
        UNLINK,
        ("id", "kind", "status", "reviewed_at"),
    ),
    Link(
        "budget_voter_checks",
        "budgets.votercheck",
        "user",
        ERASE,
        ("campaign_id", "district__name", "residence_declared_at", "age_declared_at", "verified_at"),
    ),
    Link("budget_desk_codes_issued", "budgets.deskcode", "issued_by", UNLINK, ("campaign_id", "batch", "issued_at")),
    Link("project_assignments", "monitoring.projectassignment", "user", ERASE, ("project_id", "assigned_at")),
    Link("project_assignments_made", "monitoring.projectassignment", "assigned_by", UNLINK, ("id", "assigned_at")),
    Link("progress_updates", "monitoring.progressupdate", "author", UNLINK, ("id", "project_id", "reported_on")),
    Link("activity_statuses_recorded", "monitoring.activitystatus", "recorded_by", UNLINK, ("id", "recorded_at")),
    Link("indicator_values_recorded", "monitoring.indicatorvalue", "recorded_by", UNLINK, ("id", "recorded_at")),
    Link("spending_imports_uploaded", "monitoring.spendingimport", "uploaded_by", UNLINK, ("id", "name", "created_at")),
    Link("spending_lines_entered", "monitoring.spendingline", "entered_by", UNLINK, ("id", "entered_at")),
    Link("alerts_acknowledged", "monitoring.alert", "acknowledged_by", UNLINK, ("id", "kind", "acknowledged_at")),
    Link(
        "observations",
        "monitoring.observation",
        "author",
        UNLINK,
        ("id", "project_id", "text", "place", "created_at", "is_hidden"),
    ),
    Link("observations_answered", "monitoring.observation", "answered_by", UNLINK, ("id", "answered_at")),
    Link("review_meetings_recorded", "monitoring.reviewmeeting", "recorded_by", UNLINK, _STAFF_RECORD),
    Link(
        "evaluation_answers",
        "monitoring.citizenanswer",
        "user",
        UNLINK,
        ("evaluation_id", "satisfaction", "useful", "informed", "comment", "created_at"),
    ),
    Link("scorecards", "monitoring.scorecard", "member", UNLINK, ("evaluation_id", "comment", "submitted_at")),
    Link(
        "advisory_memberships",
        "advisory.member",
        "user",
        ERASE,
        ("body__collectivity__slug", "body__name", "role", "affiliation", "added_at"),
    ),
    Link("advisory_meetings_recorded", "advisory.meeting", "recorded_by", UNLINK, _STAFF_RECORD),
    Link("advisory_requests_recorded", "advisory.opinionrequest", "recorded_by", UNLINK, _STAFF_RECORD),
    Link("advisory_opinions_recorded", "advisory.opinion", "recorded_by", UNLINK, _STAFF_RECORD),
    Link(
        "audit_log_actions",
        "core.auditlogentry",
        "actor",
        UNLINK,
        ("action", "object_type", "object_id", "created_at"),
    ),
    # A case stays with its collectivity (legal record, transparency figures); the requester is removed from it.
    Link(
        "cases_requested",
        "cases.case",
        "requester",
        UNLINK,
        ("number", "collectivity__slug", "procedure", "status", "received_on", "answered_on", "closed_on"),
    ),
    Link("case_steps_recorded", "cases.caseevent", "actor", UNLINK, ("case__number", "status", "note", "at")),
    Link("case_documents_uploaded", "cases.casedocument", "uploaded_by", UNLINK, ("case__number", "title")),
    Link("holidays_updated", "cases.islamicholiday", "updated_by", UNLINK, ("key", "hijri_year", "date")),
    Link("information_requests_recorded", "information.informationrequest", "recorded_by", UNLINK, _STAFF_RECORD),
    Link("information_requests_in_charge", "information.informationrequest", "officer", UNLINK, _STAFF_RECORD),
    Link("information_requests_answered", "information.informationrequest", "answered_by", UNLINK, _STAFF_RECORD),
    Link("information_complaints_answered", "information.complaint", "answered_by", UNLINK, _STAFF_RECORD),
    Link("information_documents_published", "information.disclosuredocument", "published_by", UNLINK, _STAFF_RECORD),
    # A petition and its signatures are the council's record (the threshold was reached with them): the person is
    # removed from them; a signature keeps the name written on it, shown only with the signer's consent.
    Link(
        "petitions_filed",
        "petitions.petition",
        "petitioner",
        UNLINK,
        ("id", "collectivity__slug", "kind", "subject", "status", "created_at"),
    ),
    Link(
        "petition_signatures",
        "petitions.signature",
        "user",
        UNLINK,
        ("petition_id", "petition__subject", "channel", "full_name", "show_name", "signed_on"),
    ),
    Link("petition_signatures_typed", "petitions.signature", "entered_by", UNLINK, ("petition_id", "signed_on")),
    Link(
        "membership_applications",
        "network.membershipapplication",
        "applicant",
        UNLINK,
        ("collectivity__slug", "status", "created_at", "focal_name", "focal_email"),
    ),
    Link("membership_applications_decided", "network.membershipapplication", "decided_by", UNLINK, _STAFF_RECORD),
    Link("news_posts", "network.newspost", "author", UNLINK, ("collectivity__slug", "title", "status", "created_at")),
    Link(
        "support_tickets",
        "support.ticket",
        "opened_by",
        UNLINK,
        ("collectivity__slug", "category", "subject", "opened_at"),
    ),
    Link("support_messages", "support.ticketmessage", "author", UNLINK, ("ticket_id", "body", "created_at")),
    Link("support_targets_set", "support.responsetarget", "updated_by", UNLINK, _STAFF_RECORD),
    Link("support_faq_published", "support.faqentry", "published_by", UNLINK, _STAFF_RECORD),
    # A shared practice belongs to the library and its collectivity; the person is removed from it.
    Link(
        "practices_submitted",
        "practices.practice",
        "submitted_by",
        UNLINK,
        ("id", "collectivity__slug", "title", "status", "created_at"),
    ),
    Link("practice_templates_used", "practices.templateuse", "used_by", UNLINK, ("practice_id", "used_at")),
    Link("events_created", "events.event", "created_by", UNLINK, ("id", "title", "starts_on")),
    Link(
        "event_registrations",
        "events.registration",
        "user",
        ERASE,
        ("event_id", "category", "collectivity__slug", "status", "registered_at", "attended_at"),
    ),
    Link("event_attendance_marked", "events.registration", "marked_by", UNLINK, ("id", "event_id", "attended_at")),
)

PROFILE_EXPORT = (
    "email",
    "display_name",
    "preferred_language",
    "age_band",
    "gender",
    "residence__name_fr",
    "statistics_consent_at",
    "date_joined",
    "last_login",
)


def _rows(link: Link, user: User):
    return apps.get_model(link.model)._default_manager.filter(**{link.field: user})


def _require_self(actor, user: User) -> None:
    if not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("You can only see or delete your own account."))


def export_data(actor, user: User) -> dict[str, Any]:
    """Everything linked to ``user``, section by section (one query per section); only the user may ask."""
    _require_self(actor, user)
    data: dict[str, Any] = {
        "generated_at": timezone.now(),
        "profile": User.objects.filter(pk=user.pk).values(*PROFILE_EXPORT).get(),
    }
    for link in LINKS:
        data[link.key] = list(_rows(link, user).order_by("pk").values(*link.fields))
    return data


def export_json(actor, user: User) -> str:
    """:func:`export_data` as indented JSON, non-Latin text kept readable."""
    return json.dumps(export_data(actor, user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _end_sessions(user: User) -> int:
    """Delete every stored session signed in as ``user``; returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session.session_key).delete()
            ended += 1
    return ended


def _forget_names_in_logs(user: User, comment_ids: list[int]) -> None:
    """Rows that copied the person's display name lose it: role changes and moderation of their comments in the
    logs, and other people's notifications about their comments."""
    for notification in Notification.objects.filter(params__author=str(user)):
        params = {k: v for k, v in notification.params.items() if k != "author"}
        notification.params = {**params, f"author{MSGID_SUFFIX}": gettext_noop("Deleted account")}
        notification.save(update_fields=["params"])
    for entry in AuditLogEntry.objects.filter(object_type="accounts.role", details__user_id=user.pk):
        entry.details = {k: v for k, v in entry.details.items() if k != "user_id"}
        entry.object_repr = ""
        entry.save(update_fields=["details", "object_repr"])
    deleted_comments = {c.pk: str(c) for c in Comment.objects.filter(pk__in=comment_ids)}
    for entry in AuditLogEntry.objects.filter(
        object_type="participation.comment", object_id__in=[str(pk) for pk in comment_ids]
    ):
        entry.object_repr = deleted_comments[int(entry.object_id)]
        entry.save(update_fields=["object_repr"])
    for action in ModerationAction.objects.filter(
        content_type__app_label="participation", content_type__model="comment", object_id__in=comment_ids
    ):
        action.target_repr = deleted_comments[action.object_id]
        action.save(update_fields=["target_repr"])


@transaction.atomic
def delete_account(actor, user: User, *, password: str) -> None:
    """Delete ``user``'s account after checking their password.

    Ideas and comments stay, shown as by a deleted account; registrations to events to come are cancelled first,
    so that the first person waiting takes each seat; every row under ``ERASE`` goes, every ``UNLINK`` row
    forgets the person, and so do the logs that had copied their name. The stored PDFs naming them go once the
    deletion is committed (nothing is deleted when it is refused or rolled back). The audit log keeps one entry
    with no personal identifier, only what was kept. The network's last admin is refused
    (:func:`keep_a_network_admin`).
    """
    _require_self(actor, user)
    if not password or not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct. Nothing was deleted.")})
    keep_a_network_admin([user.pk])  # locks the network-admin roles until the account is gone
    comment_ids = list(_rows(_link("comments"), user).values_list("pk", flat=True))
    kept = {"ideas": _rows(_link("ideas"), user).count(), "comments": len(comment_ids)}
    pdfs = [*certificate.stored_naming(user), *cdai.stored_naming(user)]
    forget_supports(user)
    cancel_for_deleted_account(user)  # their seats at events to come go to the people waiting
    for link in LINKS:
        rows = _rows(link, user)
        if link.fate == ERASE:
            rows.delete()
        else:
            rows.update(**{link.field: None})
    _forget_names_in_logs(user, comment_ids)
    sessions = _end_sessions(user)
    user.delete()
    # Written directly: ``audit.record`` names its object, and here the object is the person.
    AuditLogEntry.objects.create(
        actor=None,
        action="account.delete",
        object_type="accounts.user",
        object_id="",
        object_repr="",
        details={"ideas_kept": kept["ideas"], "comments_kept": kept["comments"], "sessions_ended": sessions},
    )
    transaction.on_commit(lambda: _delete_pdfs(pdfs))


def _delete_pdfs(pdfs) -> None:
    for pdf in pdfs:
        pdf.delete()


def _link(key: str) -> Link:
    return next(link for link in LINKS if link.key == key)
