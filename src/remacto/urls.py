"""Root URLs: the API and health check outside the language prefix, every page inside /<lang>/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from remacto.api.urls import api
from remacto.core.views import favicon


def health(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("api/v1/", api.urls),
    path("healthz", health),
    path("favicon.ico", favicon),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("remacto.accounts.urls")),
    path("", include("remacto.notifications.urls")),
    path("", include("remacto.participation.urls")),
    path("", include("remacto.cocreation.urls")),
    path("", include("remacto.territories.urls")),
    prefix_default_language=True,
)

handler400 = "remacto.core.views.bad_request"
handler403 = "remacto.core.views.permission_denied"
handler404 = "remacto.core.views.page_not_found"
handler500 = "remacto.core.views.server_error"
