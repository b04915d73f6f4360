from django.urls import path

from . import director_views as views

app_name = "roles"

urlpatterns = [
    path("", views.roles, name="list"),
    path("new/", views.role_new, name="new"),
    path("<uuid:uuid>/", views.role_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.role_edit, name="edit"),
    path("<uuid:uuid>/publish/", views.role_transition, {"action": "publish"}, name="publish"),
    path("<uuid:uuid>/close/", views.role_transition, {"action": "close"}, name="close"),
    path("<uuid:uuid>/fill/", views.role_transition, {"action": "fill"}, name="fill"),
    path("<uuid:uuid>/candidates/", views.candidates, name="candidates"),
    path("<uuid:uuid>/candidates/<uuid:match_uuid>/", views.candidate, name="candidate"),
    path("<uuid:uuid>/candidates/<uuid:match_uuid>/action/", views.candidate_action,
         name="candidate-action"),
    path("<uuid:uuid>/candidates/<uuid:match_uuid>/appoint/", views.candidate_appoint,
         name="appoint"),
]
