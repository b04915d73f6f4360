"""Invitations and requests for an account (accounts.invitation_views), in the accounts namespace."""

from django.urls import path

from . import invitation_views as views

urlpatterns = [
    path("invitations/", views.invitations_list, name="invitations"),
    path("invitations/new/", views.invite, name="invite"),
    path("invitations/<uuid:uuid>/send-again/", views.invitation_resend, name="invitation-resend"),
    path("invitations/<uuid:uuid>/withdraw/", views.invitation_revoke, name="invitation-revoke"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation"),
    path("ask/", views.ask, name="ask"),
    path("ask/sent/", views.asked, name="asked"),
    path("requests/", views.requests_list, name="account-requests"),
    path("requests/<uuid:uuid>/", views.request_detail, name="account-request"),
    path("requests/<uuid:uuid>/refuse/", views.request_refuse, name="account-request-refuse"),
]
