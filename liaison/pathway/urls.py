from django.urls import path

from liaison.pathway import views
from liaison.referrals import views as referral_views

app_name = "pathway"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("schemes/<int:scheme_id>/open-episodes/", views.scheme_open, name="scheme-open"),
    path("episodes/<uuid:episode_id>/", views.episode, name="episode"),
    path("episodes/<uuid:episode_id>/screen/", views.screen, name="screen"),
    path("episodes/<uuid:episode_id>/assess/", views.assess, name="assess"),
    # Referral is made from the service directory; the name stays the pathway's step.
    path("episodes/<uuid:episode_id>/refer/", referral_views.refer, name="refer"),
    path("episodes/<uuid:episode_id>/close/", views.close, name="close"),
    path("episodes/<uuid:episode_id>/reopen/", views.reopen, name="reopen"),
    path("episodes/<uuid:episode_id>/reenter/", views.reenter, name="reenter"),
    path("episodes/<uuid:episode_id>/note/", views.note, name="note"),
    path("episodes/<uuid:episode_id>/events/<int:event_id>/void/", views.void, name="void"),
]
