"""The complaint to the national commission (CDAI) as a PDF: the file when ready, else a page that follows its
building (the way the final report of a programme is served)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from remacto.core import media, outputs

from .. import cdai, cdai_tasks, clock, selectors


@login_required
@require_safe
def cdai_pdf(request, slug: str, pk: int, lang: str):
    if lang not in cdai.LANGUAGES:
        raise Http404
    item = selectors.request_for(request.user, selectors.member(slug), pk)
    if clock.cdai_window(item) is None:
        raise Http404
    name = cdai.current_name(item, lang)
    ready, failed = outputs.ready_or_started(
        name, failed=cdai_tasks.failed, start=lambda: cdai_tasks.start(item, lang, name), polling=request.htmx
    )
    if ready and not request.htmx:
        response = media.stored_file(
            name, filename=cdai.filename(item, lang), as_attachment=False, content_type="application/pdf"
        )
        response["Cache-Control"] = "private, no-cache"
        return response
    template = "information/_cdai_status.html" if request.htmx else "information/cdai_status.html"
    response = render(
        request,
        template,
        {
            "collectivity": item.case.collectivity,
            "item": item,
            "ready": ready,
            "failed": failed,
            "progress": cdai_tasks.progress(name),
            "pdf_language": lang,
            "pdf_url": request.path,
        },
    )
    add_never_cache_headers(response)
    return response
