from django.urls import path

from liaison.standards import views

app_name = "standards"

urlpatterns = [
    path("standards/", views.home, name="home"),
    path("standards/start/", views.start, name="start"),
    path("standards/benchmark/", views.benchmark, name="benchmark"),
    path("standards/frameworks/<int:framework_id>/", views.framework, name="framework"),
    path("standards/assessments/<int:self_assessment_id>/", views.assessment, name="assessment"),
    path("standards/assessments/<int:self_assessment_id>/criteria/<str:criterion_code>/", views.rate, name="rate"),
    path("standards/assessments/<int:self_assessment_id>/submit/", views.submit, name="submit"),
    path("standards/assessments/<int:self_assessment_id>/revise/", views.revise, name="revise"),
    path("standards/assessments/<int:self_assessment_id>/review/", views.review, name="review"),
]
