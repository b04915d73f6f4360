from django.urls import path

from ideas import views

app_name = "ideas"

urlpatterns = [
    path("", views.ideas, name="list"),
    path("share/<uuid:uuid>/", views.new, name="new"),
    path("share/<uuid:uuid>/no-ideas/", views.dismiss, name="dismiss"),
    path("lead/", views.lead, name="lead"),
    path("report/", views.report, name="report"),
    path("<uuid:uuid>/", views.idea, name="idea"),
    path("<uuid:uuid>/action/", views.action, name="action"),
    path("<uuid:uuid>/opportunity/", views.opportunity, name="opportunity"),
]
