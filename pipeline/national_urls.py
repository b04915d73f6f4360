from django.urls import path

from . import national_views as views

app_name = "national"

urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("pipeline.csv", views.pipeline_download, name="pipeline-download"),
    path("forecast/", views.forecast, name="forecast"),
    path("forecast.csv", views.forecast_download, name="forecast-download"),
    path("fellows/", views.fellows, name="fellows"),
    path("fellows/<uuid:uuid>/", views.fellow, name="fellow"),
]
