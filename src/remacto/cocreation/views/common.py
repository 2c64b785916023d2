"""What every programme page needs: the programme from the URL and the navigation context."""

from django.core.exceptions import PermissionDenied

from .. import selectors


def programme_context(request, slug: str, cycle: str, active: str) -> dict:
    """``programme``, ``active`` (the current tab) and the viewer's staff permissions on this collectivity."""
    programme = selectors.programme(slug, cycle)
    collectivity = programme.collectivity
    user = request.user
    return {
        "programme": programme,
        "active": active,
        "can_manage": user.has_perm("cocreation.manage_programme", collectivity),
        "can_record_ideas": user.has_perm("cocreation.record_ideas", collectivity),
        "can_triage": user.has_perm("cocreation.triage", collectivity),
        "can_manage_projects": user.has_perm("cocreation.manage_projects", collectivity),
        "can_record_adoption": user.has_perm("cocreation.record_adoption", collectivity),
    }


def require_flag(ctx: dict, flag: str) -> None:
    """Refuse the page (403) unless the context's permission ``flag`` (e.g. ``can_manage``) is true."""
    if not ctx[flag]:
        raise PermissionDenied
