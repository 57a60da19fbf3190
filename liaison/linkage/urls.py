from django.urls import path

from liaison.linkage import views

app_name = "linkage"
urlpatterns = [
    path("people/duplicates/", views.queue, name="queue"),
    path("people/duplicates/<int:suggestion_id>/", views.pair, name="pair"),
    path("people/merges/", views.merges, name="merges"),
    path("people/merges/<int:merge_id>/undo/", views.unmerge, name="unmerge"),
]
