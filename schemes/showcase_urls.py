from django.urls import path

from . import showcase_views as views

app_name = "showcase"

urlpatterns = [
    path("", views.showcase, name="list"),
    path("your-story/", views.your_story, name="your-story"),
    path("your-story/publish/", views.publish, name="publish"),
    path("your-story/withdraw/", views.withdraw, name="withdraw"),
    path("<uuid:uuid>/take-down/", views.take_down, name="take-down"),
]
