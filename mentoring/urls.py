from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.ask, name="ask"),
    path("requests/<uuid:uuid>/", views.request_detail, name="request"),
    path("mentorships/<uuid:uuid>/", views.mentorship, name="mentorship"),
    path("mentorships/<uuid:uuid>/action/", views.mentorship_action, name="mentorship-action"),
    path("mentorships/<uuid:uuid>/decline/", views.mentorship_decline, name="mentorship-decline"),
    path("profile/", views.profile, name="profile"),
]
