from django.urls import path

from liaison.sharing import views

app_name = "sharing"
urlpatterns = [
    path("easy-read/", views.easy_read, name="easy-read"),
    path("episodes/<uuid:episode_id>/consents/new/", views.consent_new, name="consent-new"),
    path("consents/<uuid:consent_id>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("episodes/<uuid:episode_id>/shares/new/", views.share_new, name="share-new"),
    path("shares/<uuid:share_id>/", views.share_report, name="share"),
    path("shares/<uuid:share_id>/report.pdf", views.share_pdf, name="share-pdf"),
]
