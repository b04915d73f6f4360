from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import careers as portal_careers
from portal import views as portal_views

# The admin says which service it belongs to, not "Django administration".
admin.site.site_header = f"{settings.SERVICE_NAME}: administration"
admin.site.site_title = f"{settings.SERVICE_NAME} administration"
admin.site.index_title = "Records and reference data"

handler404 = "portal.views.not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", portal_views.healthz, name="healthz"),
    path("accounts/", include("accounts.signin_urls")),
    path("your-path/", portal_views.my_path, name="path"),
    path("where-alumni-went/", portal_careers.careers, name="careers"),
    path("accounts/", include("accounts.urls")),
    path("people/", include("accounts.people_urls")),
    path("", include("trainees.urls")),
    path("opportunities/", include("pipeline.trainee_urls")),
    path("roles/", include("pipeline.urls")),
    path("alumni/", include("pipeline.staff_urls")),
    path("national/", include("pipeline.national_urls")),
    path("return-to-training/", include("pipeline.return_urls")),
    path("schemes/", include("schemes.urls")),
    path("showcase/", include("schemes.showcase_urls")),
    path("mentoring/", include("mentoring.urls")),
    path("rounds/", include("allocation.urls")),
    path("ideas/", include("ideas.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
