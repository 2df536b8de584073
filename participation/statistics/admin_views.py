"""The statistics in the admin, live during the campaign: a dashboard panel and a
report with date filters and CSV/XLSX export. IEEM staff only (moderators and
administrators hold `participation.view_dailycount`); party editors get 403.

The figures are the public ones (aggregates of the whole tool), shown before
the public date; the waiting Redis counts are flushed first, so they are live.
"""

import io
import logging
from datetime import timedelta

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail.admin.ui.components import Component

from home.spreadsheets import safe_row

from . import counting, figures
from .views import all_rows, csv_response

log = logging.getLogger(__name__)

VIEW_PERMISSION = "participation.view_dailycount"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _flush_quietly():
    try:
        counting.flush()
    except Exception:  # the report still shows what is in the database  # noqa: BLE001
        log.warning("statistics: could not flush the Redis counts", exc_info=True)


class RangeForm(forms.Form):
    desde = forms.DateField(
        label="Desde", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label="Hasta", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("desde", "hasta"):
            self.fields[name].error_messages["invalid"] = (
                "Escribe una fecha válida (aaaa-mm-dd), por ejemplo 2021-05-30."
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("desde"), data.get("hasta")
        if start and end and end < start:
            self.add_error("hasta", "La fecha final debe ser igual o posterior a la inicial.")
        if start and end and (end - start).days > 3 * 366:
            self.add_error("hasta", "Elige un periodo de tres años como máximo.")
        return data


def xlsx_response(series, filename):
    book = Workbook()
    book.remove(book.active)
    for s in series:
        sheet = book.create_sheet(s.slug[:31])
        header, rows = s.table()
        sheet.append([s.title])
        sheet.append(header)
        for row in rows:
            sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class StatisticsReportView(TemplateView):
    template_name = "participation/statistics/admin_report.html"

    def dispatch(self, request, *args, **kwargs):
        # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the
        # dashboard): party editors hold no statistics permission.
        if not request.user.has_perm(VIEW_PERMISSION):
            return render(request, "participation/statistics/admin_forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = RangeForm(request.GET or None)
        start = end = None
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["desde"], form.cleaned_data["hasta"]
        _flush_quietly()
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, series=None))
        series = figures.build(start, end)
        fmt = request.GET.get("formato")
        suffix = f"-{start or 'inicio'}-a-{end or 'hoy'}"
        if fmt == "csv":
            header, rows = all_rows(series)
            return csv_response(header, rows, f"estadisticas-decide-ieem{suffix}.csv")
        if fmt == "xlsx":
            return xlsx_response(series, f"estadisticas-decide-ieem{suffix}.xlsx")
        return self.render_to_response(
            self.get_context_data(
                form=form,
                series=series,
                headline=figures.headline(series),
                query=request.GET.urlencode() if form.is_bound else "",
            )
        )


class StatisticsPanel(Component):
    """The dashboard panel: today's and the last seven days' figures."""

    name = "participation_statistics"
    template_name = "participation/statistics/admin_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        _flush_quietly()
        today = timezone.localdate()
        week = figures.headline(figures.build(today - timedelta(days=6), today))
        day = figures.headline(figures.build(today, today))
        return {"rows": [(label, d, w) for (label, d), (_, w) in zip(day, week, strict=True)]}
