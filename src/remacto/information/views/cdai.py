"""The complaint to the national commission (CDAI) as a PDF: the file when ready, else a page that follows its
building (``core.outputs.pdf_or_waiting_page``, as for the other PDFs built in the background)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_safe

from remacto.core.outputs import pdf_or_waiting_page

from .. import cdai, cdai_tasks, selectors


@login_required
@require_safe
def cdai_pdf(request, slug: str, pk: int, lang: str):
    """For those who may open the request, once the head of the collectivity answered the complaint or let its
    15 days pass, and unless the online requester deleted their account (:func:`cdai.window`); 404 otherwise."""
    if lang not in cdai.LANGUAGES:
        raise Http404
    item = selectors.request_for(request.user, selectors.member(slug), pk)
    if cdai.window(item) is None:
        raise Http404
    name = cdai.current_name(item, lang)
    return pdf_or_waiting_page(
        request,
        name,
        output=cdai_tasks.PDF,
        start=lambda: cdai_tasks.start(item, lang, name),
        filename=cdai.filename(item, lang),
        template="information/cdai_status.html",
        partial="information/_cdai_status.html",
        context={"collectivity": item.case.collectivity, "item": item, "pdf_language": lang},
    )
