from django.urls import path

from liaison.referrals import views
from liaison.referrals.directory import views as directory_views

app_name = "referrals"
urlpatterns = [
    path("services/", directory_views.services, name="services"),
    path("services/new/", directory_views.service_new, name="service-new"),
    path("services/<int:service_id>/", directory_views.service, name="service"),
    path("services/<int:service_id>/edit/", directory_views.service_edit, name="service-edit"),
    path("services/<int:service_id>/active/", directory_views.service_active, name="service-active"),
    path("referrals/<int:referral_id>/", views.referral, name="referral"),
    path("referrals/<int:referral_id>/update/", views.update, name="update"),
    path("referrals/<int:referral_id>/support/", views.support, name="support"),
    path("episodes/<uuid:episode_id>/contacts/new/", views.contact, name="contact"),
    path("caseload/", views.caseload, name="caseload"),
]
