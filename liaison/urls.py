from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from liaison.core.views import healthz

admin.site.site_header = "Liaison administration"
admin.site.site_title = "Liaison administration"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # One way in, with lockout and the second factor: the admin's own sign-in form goes to ours.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="accounts:sign-in", query_string=True)),
        name="admin-sign-in",
    ),
    path("admin/", admin.site.urls),
    path("accounts/", include("liaison.accounts.urls")),
    path("api/v1/", include("liaison.interop.urls")),
    path("fhir/r4/", include("liaison.interop.fhir_urls")),
    path("", include("liaison.linkage.urls")),
    path("", include("liaison.pathway.identification.urls")),
    path("", include("liaison.pathway.urls")),
    path("", include("liaison.screening.urls")),
    path("", include("liaison.assessment.urls")),
    path("", include("liaison.referrals.urls")),
    path("", include("liaison.sharing.urls")),
    path("", include("liaison.screening.instruments.urls")),
    path("", include("liaison.reporting.urls")),
    path("", include("liaison.network.urls")),
    path("", include("liaison.feedback.urls")),
    path("", include("liaison.standards.urls")),
    path("", include("liaison.workforce.urls")),
    path("", include("liaison.governance.urls")),
    path("", include("liaison.records.urls")),
]

handler404 = "liaison.core.errorpages.not_found"
handler403 = "liaison.core.errorpages.forbidden"
handler500 = "liaison.core.errorpages.server_error"
