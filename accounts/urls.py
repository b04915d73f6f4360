from django.urls import include, path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("tokens/<uuid:uuid>/revoke/", views.token_revoke, name="token-revoke"),
    path("my-data.json", views.my_data, name="my-data"),
    path("delete/", views.delete_account, name="delete-account"),
    path("locked/", views.lockouts_list, name="lockouts"),
    path("locked/<int:pk>/unlock/", views.lockout_unlock, name="lockout-unlock"),
    path("", include("accounts.invitation_urls")),
]
