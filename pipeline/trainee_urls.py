from django.urls import path

from . import trainee_views as views

app_name = "opportunities"

urlpatterns = [
    path("", views.opportunities, name="list"),
    path("<uuid:uuid>/", views.opportunity, name="opportunity"),
]
