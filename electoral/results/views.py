"""Public results pages (/resultados/…) and their CSV and JSON.

Django views over plain models (DESIGN.md section 4). Each view runs a fixed
number of queries whatever the number of contests or options. 2021 figures
appear from the calendar's results date; older processes (2018) are history
and show at any time. Nothing here varies per visitor, so pages are cacheable.
"""

import csv
import io
from html import escape

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from electoral.geography.models import DistrictPage, MunicipalityDistrict, MunicipalityPage
from electoral.results.models import Contest
from home.models import ElectionCalendar
from home.spreadsheets import safe_row

from .figures import CSV_HEADER, contest_figures, csv_rows, spanish_date
from .managers import CURRENT_PROCESS_YEAR

NOT_LOADED_2021 = "Resultados de la elección de diputaciones 2021 aún no cargados"
HISTORY_NOTE = (
    "Los resultados de 2018 son de la elección anterior, con los mismos 45 distritos "
    "locales; son historia y se muestran en cualquier momento del calendario."
)


def _publication(request):
    calendar = ElectionCalendar.load(request_or_site=request)
    public_from = calendar.results_public_from
    is_public = calendar.is_open("results")
    message = ""
    if not is_public:
        if public_from:
            local = timezone.localtime(public_from)
            message = (
                f"Los resultados oficiales de {CURRENT_PROCESS_YEAR} se publican a partir del "
                f"{spanish_date(local.date())} a las {local:%H:%M} horas (hora del centro de "
                "México)."
            )
        else:
            message = (
                f"Los resultados oficiales de {CURRENT_PROCESS_YEAR} se publicarán cuando el IEEM "
                "fije la fecha en el calendario electoral."
            )
    return is_public, message


def _contests():
    return Contest.objects.with_options().select_related("municipality", "district")


def _decisive(figures_list):
    """The contest that decided the office: the extraordinary one when the
    ordinary election was annulled."""
    valid = [f for f in figures_list if not f["anulada"]]
    return valid[-1] if valid else None


def _municipality_link(slug):
    return f"/resultados/municipios/{slug}/"


def _district_link(number):
    return f"/resultados/distritos/{number}/"


def _frame(municipalities):
    """The frame of the municipalities' own outlines: the union of their viewBoxes."""
    boxes = []
    for m in municipalities:
        try:
            x, y, w, h = (float(v) for v in m.shape_viewbox.split())
        except ValueError:
            continue
        boxes.append((x, y, x + w, y + h))
    if not boxes:
        return ""
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return f"{x0:g} {y0:g} {x1 - x0:g} {y1 - y0:g}"


def _choropleth(rows, viewbox):
    """A map of the winner per municipality: one link per municipality, its
    name and winner in the accessible name (the table below says the same)."""

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="results-map" viewBox="{viewbox}" '
        'aria-labelledby="mapa-ganadores-titulo" focusable="false">'
        '<title id="mapa-ganadores-titulo">Mapa: candidatura ganadora de cada ayuntamiento, '
        "2021</title>"
    ]
    for row in rows:
        if not row["shape_path"]:
            continue
        label = escape(f"{row['name']}: {row['winner'] or 'sin ganador'}")
        out.append(
            f'<a href="{row["link"]}" aria-label="{label}"><title>{label}</title>'
            f'<path d="{row["shape_path"]}" fill="{escape(row["colour"])}"/></a>'
        )
    out.append("</svg>")
    return "".join(out)


def index_context(request):
    is_public, message = _publication(request)
    municipal_rows, winners, district_2021 = [], [], []
    results_map = ""
    contests = list(_contests().filter(office="diputacion") if not is_public else _contests())
    by_municipality, history = {}, []
    for contest in contests:
        f = contest_figures(contest)
        if contest.office == "ayuntamiento" and contest.process_year == CURRENT_PROCESS_YEAR:
            by_municipality.setdefault(contest.municipality_id, []).append(f)
        elif contest.office == "diputacion":
            if contest.process_year == CURRENT_PROCESS_YEAR:
                if is_public:
                    district_2021.append(f)
            else:
                history.append(f)
    if is_public and by_municipality:
        municipalities = list(
            MunicipalityPage.objects.filter(id__in=by_municipality).only(
                "id", "name", "slug", "normalized_name", "shape_path", "shape_viewbox"
            )
        )
        tally = {}
        for m in sorted(municipalities, key=lambda m: m.normalized_name):
            elections = by_municipality[m.id]
            decisive = _decisive(elections)
            winner = decisive["ganador"] if decisive else None
            colour = decisive["ganador_color"] if decisive and winner else "#ffffff"
            municipal_rows.append(
                {
                    "name": m.name,
                    "link": _municipality_link(m.slug),
                    "shape_path": m.shape_path,
                    "winner": winner,
                    "colour": colour,
                    "votes": decisive["ganador_votos"] if decisive else None,
                    "percent": _winner_percent(decisive),
                    "decisive": decisive,
                    "annulled_first": any(e["anulada"] for e in elections),
                }
            )
            if winner:
                t = tally.setdefault(winner, {"name": winner, "colour": colour, "count": 0})
                t["count"] += 1
        winners = sorted(tally.values(), key=lambda t: (-t["count"], t["name"]))
        viewbox = _frame(municipalities)
        if viewbox:
            results_map = _choropleth(municipal_rows, viewbox)
    seats = {}
    for f in history:
        if f["ganador"]:
            s = seats.setdefault(
                f["ganador"], {"name": f["ganador"], "colour": f["ganador_color"], "count": 0}
            )
            s["count"] += 1
    history_years = sorted({f["anio"] for f in history})
    return {
        "results_public": is_public,
        "publication_message": message,
        "municipal_rows": municipal_rows,
        "winners": winners,
        "results_map": results_map,
        "district_2021": district_2021,
        "not_loaded_2021": NOT_LOADED_2021,
        "history": sorted(history, key=lambda f: f["distrito"] or 0),
        "history_seats": sorted(seats.values(), key=lambda s: (-s["count"], s["name"])),
        "history_years": history_years,
        "history_note": HISTORY_NOTE,
        "current_year": CURRENT_PROCESS_YEAR,
        "meta_title": "Resultados oficiales",
        "meta_description": (
            "Resultados oficiales de las elecciones de ayuntamientos 2021 del Estado de México "
            "y de diputaciones locales 2018, por municipio y por distrito local."
        ),
    }


def _winner_percent(f):
    if not f or not f["ganador"]:
        return None
    for c in f["candidaturas"]:
        if c["clave"] == f["ganador_clave"]:
            return c["porcentaje"]
    return None


def results_index(request):
    return render(request, "electoral/results/index.html", index_context(request))


# --- One municipality --------------------------------------------------------


def _municipality(slug):
    municipality = (
        MunicipalityPage.objects.live()
        .filter(slug=slug)
        .only("id", "name", "slug", "url_path", "ine_code")
        .first()
    )
    if municipality is None:
        raise Http404("No existe ese municipio.")
    return municipality


def municipality_data(request, slug):
    """(municipality, figures of its 2021 contests or [], is_public, message, districts)"""

    municipality = _municipality(slug)
    is_public, message = _publication(request)
    figures = []
    if is_public:
        figures = [
            contest_figures(c)
            for c in _contests()
            .filter(office="ayuntamiento", municipality=municipality)
            .order_by("election_date", "key")
        ]
    districts = list(
        MunicipalityDistrict.objects.filter(municipality=municipality)
        .order_by("district__number")
        .values_list("district__number", flat=True)
    )
    return municipality, figures, is_public, message, districts


def municipality_results(request, slug):
    municipality, figures, is_public, message, districts = municipality_data(request, slug)
    context = {
        "municipality": municipality,
        "geography_link": "/" + municipality.url_path.strip("/").split("/", 1)[-1] + "/",
        "elections": figures,
        "decisive": _decisive(figures),
        "results_public": is_public,
        "publication_message": message,
        "districts": [{"number": n, "link": _district_link(n)} for n in districts],
        "download_base": f"/resultados/municipios/{municipality.slug}",
        "meta_title": f"Resultados 2021: ayuntamiento de {municipality.name}",
        "meta_description": (
            f"Resultados oficiales de la elección del ayuntamiento de {municipality.name}, "
            "Estado de México, 2021: votos por partido, candidatura ganadora y participación."
        ),
    }
    return render(request, "electoral/results/municipality.html", context)


# --- One district ------------------------------------------------------------


def district_data(request, number):
    district = (
        DistrictPage.objects.live()
        .filter(number=number)
        .only("id", "number", "title", "head_town", "url_path")
        .first()
    )
    if district is None:
        raise Http404("No existe ese distrito local.")
    is_public, message = _publication(request)
    current, history = [], []
    for contest in (
        _contests()
        .filter(office="diputacion", district=district)
        .order_by("-process_year", "election_date")
    ):
        if contest.process_year == CURRENT_PROCESS_YEAR:
            if is_public:
                current.append(contest_figures(contest))
        else:
            history.append(contest_figures(contest))
    return district, current, history, is_public, message


def district_results(request, number):
    district, current, history, is_public, message = district_data(request, number)
    context = {
        "district": district,
        "crumb": f"Distrito {district.number}",
        "geography_link": "/" + district.url_path.strip("/").split("/", 1)[-1] + "/",
        "elections": current,
        "history": history,
        "history_note": HISTORY_NOTE,
        "not_loaded_2021": NOT_LOADED_2021,
        "results_public": is_public,
        "publication_message": message,
        "current_year": CURRENT_PROCESS_YEAR,
        "download_base": f"/resultados/distritos/{district.number}",
        "meta_title": f"Resultados: diputación local, distrito {district.number}",
        "meta_description": (
            f"Resultados de la elección de la diputación local de mayoría relativa del distrito "
            f"{district.number} del Estado de México."
        ),
    }
    return render(request, "electoral/results/district.html", context)


# --- Downloads ---------------------------------------------------------------


def _csv_response(figures, filename):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    writer.writerows(safe_row(row) for row in csv_rows(figures))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json_response(payload):
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})


def _not_public(message):
    return HttpResponse(message + "\n", status=404, content_type="text/plain; charset=utf-8")


def municipality_csv(request, slug):
    municipality, figures, is_public, message, _ = municipality_data(request, slug)
    if not is_public:
        return _not_public(message)
    return _csv_response(figures, f"resultados-ayuntamiento-{municipality.slug}-2021.csv")


def municipality_json(request, slug):
    municipality, figures, is_public, message, _ = municipality_data(request, slug)
    if not is_public:
        return _not_public(message)
    return _json_response({"municipio": municipality.name, "elecciones": figures})


def district_csv(request, number):
    district, current, history, _, _ = district_data(request, number)
    return _csv_response(
        [*current, *history], f"resultados-diputacion-distrito-{district.number}.csv"
    )


def district_json(request, number):
    district, current, history, is_public, message = district_data(request, number)
    payload = {
        "distrito": district.number,
        "cabecera": district.head_town or None,
        "elecciones": current,
        "historia": history,
    }
    if not is_public:
        payload["aviso"] = message
    elif not current:
        payload["aviso"] = NOT_LOADED_2021
    return _json_response(payload)
