from django.urls import path

from liaison.workforce import views

app_name = "workforce"

urlpatterns = [
    path("workforce/", views.programme, name="programme"),
    path("workforce/schemes/<str:scheme_code>/", views.scheme, name="scheme"),
    path("workforce/schemes/<str:scheme_code>/staff/new/", views.staff_new, name="staff-new"),
    path("workforce/schemes/<str:scheme_code>/assumptions/", views.assumptions, name="assumptions"),
    path("workforce/staff/<int:staff_id>/", views.staff, name="staff"),
    path("workforce/staff/<int:staff_id>/change/", views.staff_change, name="staff-change"),
    path("workforce/staff/<int:staff_id>/leave/", views.staff_leave, name="staff-leave"),
    path("workforce/staff/<int:staff_id>/training/new/", views.training_new, name="training-new"),
    path("workforce/training/<int:training_id>/withdraw/", views.training_withdraw, name="training-withdraw"),
]
