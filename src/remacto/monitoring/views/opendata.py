"""The open data of an adopted programme's implementation: the downloads page and the files.

Public, no sign-in. Each file is built in the background into the file store (named after the data's
fingerprint, so a change of the data makes a new file); until it is ready, a download is streamed directly.
"""

from django.core.files.storage import default_storage
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from remacto.core import media

from .. import opendata, opendata_tasks
from ..selectors import opendata as selectors

TITLES = {
    "updates": (_("Progress updates"), _("Each project's dated updates: physical progress and what was done.")),
    "spending": (_("Spending"), _("Amounts committed and paid for each project, with their reference.")),
    "indicators": (_("Indicator values"), _("Each indicator measured over time, with its baseline and target.")),
    "action-plan": (
        _("OGP Local action plan"),
        _("The programme as commitments (projects) with milestones (activities), lead unit, dates and completion."),
    ),
}
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _stored(name: str) -> dict | None:
    """Size and date of the stored file ``name``, ``None`` when it is not built."""
    if not default_storage.exists(name):
        return None
    try:
        modified = default_storage.get_modified_time(name)
    except NotImplementedError:
        modified = None
    return {"size": default_storage.size(name), "modified": modified}


def _ensure(programme, what: str, fmt: str, name: str) -> dict | None:
    """The stored file's size and date, starting its building when it is missing (and has not just failed)."""
    stored = _stored(name)
    if stored is None and not opendata_tasks.failed(name):
        opendata_tasks.start(programme, what, fmt, name)
        stored = _stored(name)
    return stored


@require_safe
def downloads(request, slug: str, cycle: str):
    """The list of the programme's open-data files, each with its rows, latest date and size."""
    programme = selectors.public_programme(slug, cycle)
    datasets = []
    for what in opendata.WHAT:
        state = selectors.dataset_state(programme, what)
        title, description = TITLES[what]
        files = []
        for fmt in opendata.FORMATS:
            name = opendata.storage_name(programme, what, fmt, state.fingerprint)
            files.append({"format": fmt, "stored": _ensure(programme, what, fmt, name)})
        datasets.append({"what": what, "title": title, "description": description, "state": state, "files": files})
    return render(
        request,
        "monitoring/opendata_downloads.html",
        {"programme": programme, "datasets": datasets, "project_count": selectors.public_projects(programme).count()},
    )


def _in_language(language: str, chunks):
    """Stream ``chunks`` with ``language`` active: the response is written after the view has returned."""
    with translation.override(language):
        yield from chunks


@require_safe
def download(request, slug: str, cycle: str, what: str, fmt: str):
    """One open-data file: the stored one when built, otherwise streamed as it is written."""
    if what not in opendata.WHAT or fmt not in opendata.FORMATS:
        raise Http404
    programme = selectors.public_programme(slug, cycle)
    state = selectors.dataset_state(programme, what)
    name = opendata.storage_name(programme, what, fmt, state.fingerprint)
    filename = opendata.filename(programme, what, fmt)
    if _ensure(programme, what, fmt, name) is not None:
        response = media.stored_file(name, filename=filename, as_attachment=True, content_type=CONTENT_TYPES[fmt])
        response["Cache-Control"] = "no-cache"
        return response
    chunks = _in_language(opendata.LANGUAGE, opendata.chunks(programme, what, fmt))
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
