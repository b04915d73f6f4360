from django.urls import path

from . import staff_views as views

app_name = "alumni"

urlpatterns = [
    path("", views.alumni, name="list"),
    path("imports/", views.imports, name="imports"),
    path("reports/", views.report, name="report"),
    path("reports/<slug:name>.<str:fmt>", views.report_download, name="report-download"),
    path("imports/<uuid:uuid>/", views.import_detail, name="import"),
    path("imports/<uuid:uuid>/invite/", views.import_invite, name="import-invite"),
    path("<uuid:uuid>/", views.alumnus, name="detail"),
    path("<uuid:uuid>/action/", views.alumnus_action, name="action"),
]
