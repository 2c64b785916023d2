"""Root URLs: the API, health check and public media outside the language prefix, every page inside /<lang>/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from remacto.accounts.views import admin_login
from remacto.api.urls import api
from remacto.core import media
from remacto.core.views import favicon


def health(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("api/v1/", api.urls),
    path("healthz", health),
    path("favicon.ico", favicon),
    path(settings.MEDIA_URL.lstrip("/") + "<path:path>", media.serve_public, name="media"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    # Before the admin's own URLs: its password-only login would skip the login limits and the second factor.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("", include("remacto.accounts.urls")),
    path("", include("remacto.notifications.urls")),
    path("", include("remacto.participation.urls")),
    path("", include("remacto.cocreation.urls")),
    path("", include("remacto.budgets.urls")),
    path("", include("remacto.monitoring.urls")),
    path("", include("remacto.territories.urls")),
    path("", include("remacto.cases.urls")),
    path("", include("remacto.advisory.urls")),
    path("", include("remacto.petitions.urls")),
    path("", include("remacto.information.urls")),
    path("", include("remacto.network.urls")),
    path("", include("remacto.support.urls")),
    path("", include("remacto.practices.urls")),
    path("", include("remacto.events.urls")),
    path("", include("remacto.netdash.urls")),
    prefix_default_language=True,
)

handler400 = "remacto.core.views.bad_request"
handler403 = "remacto.core.views.permission_denied"
handler404 = "remacto.core.views.page_not_found"
handler500 = "remacto.core.views.server_error"
