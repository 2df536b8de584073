import sys

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .errors import is_service_error, unavailable_response


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /participa/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Handler 500. Rendered without context processors that could fail again.

    Django calls it while handling the exception: when the exception says the
    database or Redis cannot be reached, the answer is a Spanish 503 (JSON for
    the page's scripts) with Retry-After, not an error of ours.
    """

    if is_service_error(sys.exception()):
        return unavailable_response(request)
    template = loader.get_template("500.html")
    return HttpResponse(template.render({}), status=500)
