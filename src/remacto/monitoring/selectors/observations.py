"""Read queries of residents' observations: the project they are about, public lists (through ``visible()``,
the one rule of what moderation hides) and the panel the project page includes."""

from django.db.models import QuerySet
from django.http import Http404

from remacto.cocreation.models import Project

from ..models import Observation
from ..services.observations import OBSERVED_PHASES, can_observe

PANEL_SIZE = 3


def followed_project(slug: str, pk: int) -> Project:
    """The project ``pk`` of the member ``slug``, in an adopted programme; 404 otherwise."""
    try:
        return Project.objects.select_related("programme__collectivity", "axis").get(
            pk=pk,
            programme__collectivity__slug=slug,
            programme__collectivity__membership__isnull=False,
            programme__phase__in=OBSERVED_PHASES,
        )
    except Project.DoesNotExist as exc:
        raise Http404 from exc


def visible_observations(project: Project) -> QuerySet[Observation]:
    """The project's observations that moderation has not hidden, newest first, with their people."""
    return (
        Observation.objects.visible()
        .filter(project=project)
        .select_related("author", "answered_by")
        .order_by("-created_at", "-id")
    )


def observation_of(project: Project, pk: int) -> Observation:
    """One observation of ``project``, hidden ones included (the page shows them to moderators only); 404."""
    try:
        observation = Observation.objects.select_related("author", "answered_by").get(project=project, pk=pk)
    except Observation.DoesNotExist as exc:
        raise Http404 from exc
    observation.project = project
    return observation


def panel_context(project: Project, user) -> dict:
    """What ``monitoring/_observations_panel.html`` needs on the project page: the latest visible observations
    and whether ``user`` may post one."""
    latest = list(visible_observations(project)[:PANEL_SIZE])
    for observation in latest:
        observation.project = project
    return {"project": project, "observations": latest, "can_observe": can_observe(user, project)}
