"""Middleware the whole service shares."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NeverStore:
    """Every page, file and API answer the application makes is sent with
    `Cache-Control: no-store`: most hold someone's personal data (a portfolio, its PDF,
    "download my data", the API), and after signing out on a shared computer neither the
    browser's Back button nor a proxy may show them again. Static files are answered by
    WhiteNoise, which sits before this and keeps its own long caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
