"""Response schemas of the petitions API: the petition, its counts and decisions; never a signer's identity,
except the names of signers who agreed to show them."""

import datetime

from ninja import Schema

from remacto.petitions.models import Petition

from .schemas import choices_enum

PetitionStatus = choices_enum("PetitionStatus", Petition.Status)
PetitionKind = choices_enum("PetitionKind", Petition.Kind)


class PetitionOut(Schema):
    id: int
    number: str
    member: str
    kind: PetitionKind  # type: ignore[valid-type]
    association: str
    subject: str
    reasons: str
    expected_outcome: str
    status: PetitionStatus  # type: ignore[valid-type]
    signatures: int
    required_signatures: int | None
    collection_opened_on: datetime.date | None
    closes_on: datetime.date | None
    received_on: datetime.date | None
    decided_on: datetime.date | None
    decision: str
    session_date: datetime.date | None
    committee: str
    outcome: str

    @staticmethod
    def resolve_member(obj) -> str:
        return obj.collectivity.slug

    @staticmethod
    def resolve_association(obj) -> str:
        return obj.organisation.name if obj.organisation_id else ""

    @staticmethod
    def resolve_signatures(obj) -> int:
        return obj.signature_count

    @staticmethod
    def resolve_received_on(obj) -> datetime.date | None:
        return obj.case.received_on if obj.case_id else None


class ProvinceProgressOut(Schema):
    code: str
    name: str
    signatures: int
    minimum: int
    below: bool


class PetitionDetailOut(PetitionOut):
    province_share: int
    threshold_reached: bool
    provinces: list[ProvinceProgressOut]


class SignerOut(Schema):
    """A signer who agreed to show their name: the name and the date only."""

    name: str
    signed_on: datetime.date

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.full_name
