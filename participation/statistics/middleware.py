"""The page-view beacon answered before the rest of the middleware chain.

POST /participa/visita/ needs no session, user, CSRF token, message, locale or
redirect lookup: it only adds one to the day's counters and answers 204. First
in MIDDLEWARE, it skips all of them (bench/bench_statistics.py measures it);
without this middleware the same view (views.beacon) answers through the chain.
"""

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from . import views

BEACON_PATH = "/participa/visita/"


class VisitBeaconMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != BEACON_PATH or request.method != "POST":
            return self.get_response(request)
        views.count_view(request, request.POST)
        response = HttpResponse(status=204)
        add_never_cache_headers(response)
        response["X-Content-Type-Options"] = "nosniff"
        return response
