from django.urls import path

from . import return_views as views

app_name = "returns"

urlpatterns = [
    path("", views.plans, name="list"),
    path("<uuid:uuid>/", views.plan, name="plan"),
    path("<uuid:uuid>/action/", views.plan_action, name="action"),
]
