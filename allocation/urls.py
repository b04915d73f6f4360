from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    # deanery staff
    path("", views.round_list, name="list"),
    path("new/", views.round_new, name="new"),
    path("<uuid:uuid>/", views.round_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.round_edit, name="edit"),
    path("<uuid:uuid>/posts/", views.round_posts, name="posts"),
    path("<uuid:uuid>/delete/", views.round_delete, name="delete"),
    path("<uuid:uuid>/deadlines/", views.round_extend, name="extend"),
    path("<uuid:uuid>/open/", views.round_confirm, {"action": "open"}, name="open"),
    path("<uuid:uuid>/run/", views.round_confirm, {"action": "run"}, name="run"),
    path("<uuid:uuid>/publish/", views.round_confirm, {"action": "publish"}, name="publish"),
    path("<uuid:uuid>/result/", views.round_result, name="result"),
    path("<uuid:uuid>/record.json", views.round_record_download, name="record"),
    # trainees
    path("yours/", views.trainee_rounds, name="yours"),
    path("<uuid:uuid>/rank/", views.rank_posts, name="rank"),
    path("<uuid:uuid>/outcome/", views.outcome, name="outcome"),
    # trust medical directors
    path("your-posts/", views.director_posts, name="director-posts"),
    path("posts/<uuid:uuid>/applicants/", views.rank_applicants, name="applicants"),
    path("posts/<uuid:uuid>/applicants/<uuid:trainee_uuid>/", views.applicant, name="applicant"),
]
