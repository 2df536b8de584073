"""Spreadsheet formula injection (OWASP «CSV injection»): one rule for every export.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
is read by Excel, LibreOffice and Google Sheets as a formula (or as the start
of one), so party-written text in an export could run `=HYPERLINK(…)` or DDE
in IEEM's computers. Such text cells get a leading apostrophe, which
spreadsheets show as plain text. Only text is touched: numbers (negative
ones included), dates and empty cells are written as they are.

Used by the public candidacy CSV (electoral/parties/views.py), the results
CSV (electoral/results/views.py), the capture report and, through
`patch_wagtail_exports`, every export of Wagtail's admin (snippets, reports,
ModelAdmin, form submissions), all of which go through
SpreadsheetExportMixin.preprocess_field_value.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell value, with an apostrophe in front if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row):
    return [neutralise(value) for value in row]


def patch_wagtail_exports():
    """Neutralise every cell of Wagtail's CSV and XLSX exports (called once, at start-up)."""

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "_decide_neutralised", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value._decide_neutralised = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
