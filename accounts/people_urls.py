from django.urls import path

from . import people_views as views

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("<uuid:uuid>/", views.person, name="person"),
    path("<uuid:uuid>/deactivate/", views.deactivate, name="deactivate"),
    path("<uuid:uuid>/reactivate/", views.reactivate, name="reactivate"),
]
