from django.urls import path

from . import claim_views, views
from .portfolio import KINDS

app_name = "trainees"

urlpatterns = [
    path("portfolio/", views.portfolio, name="portfolio"),
    path("portfolio/print/", views.portfolio_print, name="portfolio-print"),
    path("portfolio.pdf", views.portfolio_pdf, name="portfolio-pdf"),
    path("preferences/", views.preferences, name="preferences"),
    path("my-data.json", views.my_data, name="my-data"),
    path("portfolio/viewers/", views.viewers, name="viewers"),
    path("equality/", views.equality, name="equality"),
    path("delete-my-account/", views.delete_account, name="delete-account"),
    path("your-record/", claim_views.claim, name="claim"),
]
# One set of URLs per kind of portfolio item, each with its own name.
for slug in KINDS:
    urlpatterns += [
        path(f"portfolio/{slug}/add/", views.item_add, {"kind": slug}, name=f"{slug}-add"),
        path(f"portfolio/{slug}/<uuid:uuid>/edit/", views.item_edit, {"kind": slug}, name=f"{slug}-edit"),
        path(f"portfolio/{slug}/<uuid:uuid>/delete/", views.item_delete, {"kind": slug},
             name=f"{slug}-delete"),
    ]
