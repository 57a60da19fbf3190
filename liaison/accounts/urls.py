from django.urls import path

from liaison.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("two-factor/", views.second_factor, name="second-factor"),
    path("two-factor/set-up/", views.set_up, name="set-up"),
]
