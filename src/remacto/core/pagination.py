"""Pagination that never fails on a bad page number: non-numeric or out-of-range pages show the nearest page."""

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int | None = None) -> Page:
    """Page of ``queryset`` named by ``?page=``; junk such as ``?page=abc`` or ``?page=-3`` gives page 1."""
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request) -> str:
    """The current query string minus ``page``, for building pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
