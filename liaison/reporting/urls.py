from django.urls import path

from liaison.reporting import views
from liaison.reporting.dashboards import cohort_views
from liaison.reporting.dashboards import views as dashboards

app_name = "reporting"

urlpatterns = [
    path("reporting/", dashboards.dashboard, name="dashboard"),
    path("reporting/cohorts/", cohort_views.cohorts, name="cohorts"),
    path("reporting/returns/", views.returns_status, name="returns"),
    path("reporting/returns/<str:scheme_code>/<str:month>/", views.return_page, name="return"),
    path("reporting/returns/<str:scheme_code>/<str:month>.<str:fmt>", views.return_download, name="return-download"),
    path("reporting/extract/", views.extract_page, name="extract"),
    path("reporting/extract/<str:table>.<str:fmt>", views.extract_download, name="extract-download"),
    path("reporting/data-dictionary/", views.data_dictionary, name="data-dictionary"),
]
