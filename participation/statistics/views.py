"""Counting endpoints (/participa/visita/, never cached) and the public
statistics (/estadisticas/, with a CSV and a JSON of every series).

The public page is the same for every visitor (cacheable); before the
calendar's «Estadísticas públicas desde» it says when and shows no figure, and
its downloads answer 404 with the same sentence.
"""

import base64
import csv
import io
import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from electoral.results.figures import spanish_date
from home.models import ElectionCalendar
from home.spreadsheets import safe_row

from . import charts, counting, figures

log = logging.getLogger(__name__)

# A transparent 1x1 GIF: the <noscript> pixel.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def count_view(request, data):
    if counting.counts_request(request):
        try:
            counting.record(data.get("ruta", ""), data.get("q", ""))
        except Exception:  # a lost count must never break a page  # noqa: BLE001
            log.warning("statistics: a page view could not be counted", exc_info=True)


@csrf_exempt  # only adds one to a daily counter; same-origin checked in counts_request
@require_POST
def beacon(request):
    """navigator.sendBeacon from static/js/site.js: one page view."""
    count_view(request, request.POST)
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response


@require_GET
def pixel(request):
    """The <noscript> image of templates/base.html: one page view without JavaScript."""
    count_view(request, request.GET)
    response = HttpResponse(PIXEL, content_type="image/gif")
    add_never_cache_headers(response)
    return response


# --- public page --------------------------------------------------------------


def publication(request):
    """(is public, the sentence that says when it will be)."""
    calendar = ElectionCalendar.load(request_or_site=request)
    if calendar.is_open("statistics"):
        return True, ""
    start = calendar.statistics_from
    if start:
        local = timezone.localtime(start)
        return False, (
            "Las estadísticas de uso de Decide IEEM se publican a partir del "
            f"{spanish_date(local.date())} a las {local:%H:%M} horas (hora del centro de México)."
        )
    return False, (
        "Las estadísticas de uso de Decide IEEM se publicarán cuando el IEEM fije la fecha "
        "en el calendario electoral."
    )


def statistics_page(request):
    is_public, message = publication(request)
    context = {
        "is_public": is_public,
        "publication_message": message,
        "meta_title": "Estadísticas de uso · Decide IEEM",
        "meta_description": (
            "Cuántas personas consultaron Decide IEEM y participaron: visitas, consultas de "
            "boleta, términos del Quitadudas, reacciones e ideas, en total y por día."
        ),
    }
    if is_public:
        series = figures.build()
        context["headline"] = figures.headline(series)
        context["series"] = [{"s": s, "chart": charts.chart_for(s)} for s in series]
        context["updated"] = timezone.localtime()
    return render(request, "participation/statistics/page.html", context)


def _not_public(message):
    return HttpResponse(message + "\n", status=404, content_type="text/plain; charset=utf-8")


def csv_response(header, rows, filename):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(safe_row(row) for row in rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def all_rows(series):
    """Every series in one table (long format): serie, clave, etiqueta, columna, valor."""
    header = ["serie", "clave", "etiqueta", "columna", "valor"]
    rows = []
    for s in series:
        for key, label, values in s.rows:
            for heading, value in zip(s.value_headings, values, strict=True):
                rows.append([s.slug, key, label, heading, value])
    return header, rows


def _series_or_404(slug):
    found = figures.by_slug(figures.build()).get(slug)
    if found is None:
        raise Http404("No existe esa serie.")
    return found


def series_csv(request, slug):
    is_public, message = publication(request)
    if not is_public:
        return _not_public(message)
    if slug == "estadisticas":
        header, rows = all_rows(figures.build())
    else:
        header, rows = _series_or_404(slug).table()
    return csv_response(header, rows, f"decide-ieem-{slug}.csv")


def series_json(request, slug):
    is_public, message = publication(request)
    if not is_public:
        return _not_public(message)
    if slug == "estadisticas":
        payload = {"series": [s.as_dict() for s in figures.build()]}
    else:
        payload = _series_or_404(slug).as_dict()
    payload["fuente"] = "Decide IEEM, Instituto Electoral del Estado de México"
    payload["nota"] = payload.get("nota") or (
        "Cifras de toda la herramienta; ninguna es de un partido, coalición o candidatura."
    )
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
