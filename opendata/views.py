"""/datos/: the dataset list, one page per dataset, and its CSV, JSON and the ZIP
of everything; /datos/api/: the API's page in Spanish.

Every format reads the dataset's `rows()` once (datasets.py). CSV files are
UTF-8 with a BOM (spreadsheets then read the accents) and go through the
site's formula-injection rule (home.spreadsheets).
"""

import csv
import io
import json
import zipfile
from datetime import date, datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from home.spreadsheets import safe_row

from .datasets import BOOLEAN, BY_SLUG, DATASETS, INTEGER

PAGE_ROWS = 500
ZIP_NAME = "decide-ieem-datos-abiertos.zip"
# A fixed timestamp inside the ZIP: the same data gives the same bytes.
ZIP_TIME = (2021, 6, 6, 0, 0, 0)


def cell(value):
    """How a value is written in the CSV and shown on the page."""
    if value is None:
        return ""
    if value is True:
        return "sí"
    if value is False:
        return "no"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def json_value(column, value):
    if value == "" and column.type not in ("texto",):
        return None
    if column.type == INTEGER and isinstance(value, str) and value.isdigit():
        return int(value)
    if column.type == BOOLEAN and value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _dataset(slug):
    dataset = BY_SLUG.get(slug)
    if dataset is None:
        raise Http404("No existe ese conjunto de datos.")
    return dataset


def _updated_text(dataset):
    value = dataset.last_update()
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def csv_text(dataset, rows):
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(dataset.header)
    writer.writerows(safe_row([cell(v) for v in row]) for row in rows)
    return out.getvalue()


def json_document(dataset, rows):
    return {
        "conjunto": dataset.slug,
        "titulo": dataset.title,
        "descripcion": dataset.description,
        "fuente": dataset.source,
        "licencia": dataset.licence,
        "actualizado": _updated_text(dataset) or None,
        "columnas": [
            {"nombre": c.name, "tipo": c.type, "significado": c.meaning} for c in dataset.columns
        ],
        "total": len(rows),
        "filas": [
            {c.name: json_value(c, v) for c, v in zip(dataset.columns, row, strict=True)}
            for row in rows
        ],
    }


def json_text(dataset, rows):
    return json.dumps(json_document(dataset, rows), ensure_ascii=False, indent=1)


def _stamp(response, dataset):
    response.last_modified_at = dataset.last_modified()
    return response


def _not_public(message, as_json=False):
    if as_json:
        return JsonResponse(
            {"detalle": message}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(message + "\n", status=404, content_type="text/plain; charset=utf-8")


def _summaries(request):
    out = []
    for d in DATASETS:
        message = d.unavailable(request)
        out.append(
            {
                "d": d,
                "unavailable": message,
                "count": None if message else d.count(request),
                "updated": _updated_text(d),
            }
        )
    return out


def index(request):
    context = {
        "datasets": _summaries(request),
        "zip_name": ZIP_NAME,
        "meta_title": "Datos abiertos · Decide IEEM",
        "meta_description": (
            "Todos los datos públicos de Decide IEEM en CSV y JSON: municipios, distritos, "
            "secciones, partidos, candidaturas, plataformas, Quitadudas, resultados y "
            "estadísticas de uso, con su fuente y licencia."
        ),
    }
    return render(request, "opendata/index.html", context)


def dataset_page(request, slug):
    dataset = _dataset(slug)
    message = dataset.unavailable(request)
    context = {
        "d": dataset,
        "unavailable": message,
        "updated": _updated_text(dataset),
        "meta_title": f"{dataset.title} · Datos abiertos · Decide IEEM",
        "meta_description": dataset.description,
    }
    status = 200
    if not message:
        rows = dataset.rows(request)
        paginator = Paginator(rows, PAGE_ROWS)
        raw = request.GET.get("pagina") or "1"
        if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= paginator.num_pages:
            page = paginator.page(int(raw))
        else:
            page = paginator.page(1)
            context["page_error"] = "Esa página no existe; te mostramos la primera."
            status = 404 if raw.isascii() and raw.isdigit() else 400
        context.update(
            count=len(rows),
            page=page,
            table=[[cell(v) for v in row] for row in page.object_list],
        )
    response = render(request, "opendata/dataset.html", context, status=status)
    return _stamp(response, dataset)


def dataset_csv(request, slug):
    dataset = _dataset(slug)
    message = dataset.unavailable(request)
    if message:
        return _not_public(message)
    response = HttpResponse(
        csv_text(dataset, dataset.rows(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="decide-ieem-{dataset.slug}.csv"'
    return _stamp(response, dataset)


def dataset_json(request, slug):
    dataset = _dataset(slug)
    message = dataset.unavailable(request)
    if message:
        return _not_public(message, as_json=True)
    response = HttpResponse(
        json_text(dataset, dataset.rows(request)), content_type="application/json; charset=utf-8"
    )
    return _stamp(response, dataset)


def readme(summaries):
    lines = [
        "Decide IEEM — datos abiertos",
        "Instituto Electoral del Estado de México",
        "",
        "Cada conjunto viene en CSV (UTF-8 con BOM) y en JSON con las mismas filas.",
        "Descripción de cada columna: https://…/datos/ y el campo «columnas» de cada JSON.",
        "",
    ]
    for s in summaries:
        d = s["d"]
        lines += [f"{d.slug}: {d.title}", f"  {d.description}"]
        if s["unavailable"]:
            lines.append(f"  No incluido: {s['unavailable']}")
        else:
            lines.append(f"  Filas: {s['count']}. Actualizado: {s['updated'] or 'sin fecha'}.")
        lines += [f"  Fuente: {d.source}", f"  Licencia: {d.licence}", ""]
    return "\n".join(lines) + "\n"


def zip_bytes(request):
    """Every public dataset as CSV and JSON, and a LEEME.txt; deterministic."""
    buffer = io.BytesIO()
    summaries = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name, text):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))

        for d in DATASETS:
            message = d.unavailable(request)
            rows = [] if message else d.rows(request)
            summaries.append(
                {"d": d, "unavailable": message, "count": len(rows), "updated": _updated_text(d)}
            )
            if message:
                continue
            add(f"{d.slug}.csv", csv_text(d, rows))
            add(f"{d.slug}.json", json_text(d, rows))
        add("LEEME.txt", readme(summaries))
    return buffer.getvalue()


def all_zip(request):
    response = HttpResponse(zip_bytes(request), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{ZIP_NAME}"'
    dates = [d.last_modified() for d in DATASETS if d.last_modified() is not None]
    response.last_modified_at = max(dates) if dates else None
    return response


def api_page(request):
    context = {
        "candidacy_columns": BY_SLUG["candidaturas"].columns,
        "contest_columns": BY_SLUG["resultados-elecciones"].columns,
        "option_columns": [
            c
            for c in BY_SLUG["resultados-votos"].columns
            if c.name not in ("eleccion", "proceso_electoral")
        ],
        "base": request.build_absolute_uri("/").rstrip("/"),
        "meta_title": "API de datos abiertos · Decide IEEM",
        "meta_description": (
            "API de solo lectura de Decide IEEM: candidaturas, resultados, secciones y páginas, "
            "en JSON, descrita con OpenAPI 3."
        ),
    }
    return render(request, "opendata/api.html", context)
