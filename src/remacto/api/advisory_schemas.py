"""Response schemas of the advisory API: bodies with their members (names and bureau roles only) and the bodies'
opinions with the request they answer. Never an email address or who recorded what."""

import datetime

from ninja import Schema

from remacto.advisory.models import AskedBy, BodyKind, BureauRole, RequestStatus, SubjectKind

from .schemas import choices_enum

BodyKindValue = choices_enum("BodyKindValue", BodyKind)
BureauRoleValue = choices_enum("BureauRoleValue", BureauRole)
SubjectKindValue = choices_enum("SubjectKindValue", SubjectKind)
AskedByValue = choices_enum("AskedByValue", AskedBy)
RequestStatusValue = choices_enum("RequestStatusValue", RequestStatus)


class MemberOut(Schema):
    name: str
    role: BureauRoleValue  # type: ignore[valid-type]
    affiliation: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name


class BodyOut(Schema):
    id: int
    member: str
    kind: BodyKindValue  # type: ignore[valid-type]
    name: str
    description: str
    members: list[MemberOut]

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_members(obj) -> list:
        return list(obj.members.all())


class VoteOut(Schema):
    votes_for: int
    votes_against: int
    votes_abstain: int


class OpinionOut(Schema):
    id: int
    body_id: int
    request_id: int
    number: str | None
    asked_by: AskedByValue  # type: ignore[valid-type]
    subject_kind: SubjectKindValue  # type: ignore[valid-type]
    subject: str
    programme_id: int | None
    campaign_id: int | None
    requested_on: datetime.date
    given_on: datetime.date
    text: str
    vote: VoteOut | None
    recommendations: list[str]
    has_document: bool

    @staticmethod
    def resolve_body_id(obj) -> int:
        return obj.request.body_id

    @staticmethod
    def resolve_number(obj) -> str | None:
        return obj.request.case.number if obj.request.case_id else None

    @staticmethod
    def resolve_asked_by(obj) -> str:
        return obj.request.asked_by

    @staticmethod
    def resolve_subject_kind(obj) -> str:
        return obj.request.subject_kind

    @staticmethod
    def resolve_subject(obj) -> str:
        return str(obj.request.subject)

    @staticmethod
    def resolve_programme_id(obj) -> int | None:
        return obj.request.programme_id

    @staticmethod
    def resolve_campaign_id(obj) -> int | None:
        return obj.request.campaign_id

    @staticmethod
    def resolve_requested_on(obj) -> datetime.date:
        return obj.request.received_on

    @staticmethod
    def resolve_given_on(obj) -> datetime.date:
        return obj.received_on

    @staticmethod
    def resolve_vote(obj) -> dict | None:
        if not obj.has_vote:
            return None
        return {"votes_for": obj.votes_for, "votes_against": obj.votes_against, "votes_abstain": obj.votes_abstain}

    @staticmethod
    def resolve_has_document(obj) -> bool:
        return bool(obj.document)
