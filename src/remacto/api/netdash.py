"""Read endpoints of the network dashboard: each member's precomputed figures (filtered, sorted, paginated) and
the regional or provincial roll-ups. Public figures only: which programmes are stalled stays on the network
team's page (:mod:`remacto.netdash.rules`)."""

from ninja import Query, Router
from ninja.pagination import paginate

from remacto.netdash import selectors

from .netdash_schemas import DashboardFilters, MemberFiguresOut, RollupsOut
from .territories import Pagination

router = Router(tags=["network dashboard"])


def _filters(query: DashboardFilters) -> selectors.Filters:
    return selectors.Filters(
        region=query.region or "",
        kind=query.kind or "",
        cohort=query.cohort,
        ogp=query.ogp_local,
        sort=query.sort,
        descending=query.descending,
    )


@router.get("/network/dashboard/members", response=list[MemberFiguresOut])
@paginate(Pagination)
def list_member_figures(request, filters: Query[DashboardFilters]):
    """Each member's figures as last computed (hourly), filterable by region, kind, cohort and OGP Local."""
    return selectors.members(_filters(filters), language="fr")


@router.get("/network/dashboard/rollups", response=RollupsOut)
def rollups(request, filters: Query[DashboardFilters]):
    """The same figures added up by region (or by province of the chosen region), and for all the members."""
    level, groups, total = selectors.rollups(_filters(filters))
    computation = selectors.latest_computation()
    return {
        "level": level,
        "computed_at": computation.finished_at if computation else None,
        "groups": groups,
        "total": total,
    }
