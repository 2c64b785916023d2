"""Pagination that never fails on a bad page number: non-numeric or out-of-range pages show the nearest page."""

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None, param: str = "page") -> Page:
    """Page of ``queryset`` named by ``?<param>=``; junk such as ``?page=abc`` or ``?page=-3`` gives page 1.

    ``param`` lets two lists on one page (an idea list and a comment thread) keep separate page numbers.
    """
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get(param))


def querystring_without_page(request) -> str:
    """The current query string minus ``page``, for building pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
