from django.urls import path

from liaison.pathway import registry, views

app_name = "pathway"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("schemes/<int:scheme_id>/open-episodes/", views.scheme_open, name="scheme-open"),
    path("episodes/<uuid:episode_id>/", views.episode, name="episode"),
    path("episodes/<uuid:episode_id>/assess/", views.assess, name="assess"),
    path("episodes/<uuid:episode_id>/close/", views.close, name="close"),
    path("episodes/<uuid:episode_id>/reopen/", views.reopen, name="reopen"),
    path("episodes/<uuid:episode_id>/reenter/", views.reenter, name="reenter"),
    path("episodes/<uuid:episode_id>/note/", views.note, name="note"),
    path("episodes/<uuid:episode_id>/events/<int:event_id>/void/", views.void, name="void"),
]
# The steps other apps serve (screening, referral), under the pathway's names (`pathway:screen`).
urlpatterns += [path(f"episodes/<uuid:episode_id>/{p.path}/", p.view, name=p.step.value) for p in registry.step_pages()]
