from django.urls import path

from liaison.reporting.dashboards import views as dashboards

app_name = "reporting"

urlpatterns = [
    path("reporting/", dashboards.dashboard, name="dashboard"),
]
