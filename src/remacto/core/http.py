"""HTTP helpers shared by the apps: who the client is behind trusted proxies, and how a limit's refusal answers."""

from http import HTTPStatus

from django.http import HttpResponse


def too_many_requests(response: HttpResponse, retry_after: int | None) -> HttpResponse:
    """Turn ``response`` (the page or fragment that shows the refusal) into a 429 with ``Retry-After`` in seconds.

    ``retry_after=None`` (the refusal was not a limit) leaves the response as it is.
    """
    if retry_after is not None:
        response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        response.reason_phrase = HTTPStatus.TOO_MANY_REQUESTS.phrase
        response["Retry-After"] = str(max(1, int(retry_after)))
    return response
