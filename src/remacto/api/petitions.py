"""Read endpoints of published petitions (every petition of a member out of draft): the list with signature
counts, one petition with its progress per prefecture or province, and the names of the signers who agreed to
show them. Nothing else about signers is ever exposed."""

from typing import Annotated

from django.conf import settings
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.petitions import selectors

from .petitions_schemas import PetitionDetailOut, PetitionOut, PetitionStatus, SignerOut
from .territories import Pagination

router = Router(tags=["petitions"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class PetitionFilters(Schema):
    member: str = Field("", max_length=80, pattern=r"^[-a-z0-9]*$", description="member slug")
    status: PetitionStatus | None = None  # type: ignore[valid-type]
    q: str = Field("", max_length=settings.SEARCH_MAX_LENGTH, description="words of the subject")


@router.get("/petitions", response=list[PetitionOut])
@paginate(Pagination)
def list_petitions(request, filters: Query[PetitionFilters]):
    """Published petitions, newest first, with their signature counts; filterable by member, status and words."""
    return selectors.search(
        selectors.public_petitions(),
        q=filters.q,
        member=filters.member,
        status=filters.status.value if filters.status else "",
    )


@router.get("/petitions/{petition_id}", response=PetitionDetailOut)
def get_petition(request, petition_id: ObjectId):
    """One published petition with its progress toward the threshold (per prefecture or province for a region)."""
    petition = get_object_or_404(selectors.public_petitions().select_related("collectivity__region"), pk=petition_id)
    state = selectors.progress(petition)
    petition.province_share = state.share
    petition.threshold_reached = state.reached
    petition.provinces = [
        {
            "code": row.province.code,
            "name": row.province.name,
            "signatures": row.count,
            "minimum": row.minimum,
            "below": row.below,
        }
        for row in state.provinces
    ]
    return petition


@router.get("/petitions/{petition_id}/signers", response=list[SignerOut])
@paginate(Pagination)
def list_signers(request, petition_id: ObjectId):
    """Names of the signers who agreed to show them, in the order they signed; the others are only counted."""
    petition = get_object_or_404(selectors.public_petitions(), pk=petition_id)
    return selectors.public_signers(petition).only("full_name", "signed_on")
