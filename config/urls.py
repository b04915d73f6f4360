from django.contrib import admin
from django.urls import include, path

from pipeline import views as pipeline_views

handler404 = "pipeline.views.not_found"
handler500 = "pipeline.views.server_error"

urlpatterns = [
    path("", pipeline_views.home, name="home"),
    path("healthz", pipeline_views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("", include("trainees.urls")),
    path("roles/", include("pipeline.urls")),
    path("alumni/", include("pipeline.staff_urls")),
    path("schemes/", include("schemes.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("rounds/", include("allocation.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
