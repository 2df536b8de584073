"""Broken copies of the real fixture files: one fault each, at a known line."""

from pathlib import Path

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SECTIONS = FIXTURES / "edomex_secciones_distrito_local_ine.csv"
HEAD_TOWNS = FIXTURES / "edomex_distritos_locales_cabeceras.csv"


def lines_of(path):
    return path.read_text(encoding="utf-8").splitlines()


def line_of(path, first_field):
    """(1-based line number, text) of the row whose first field is `first_field`."""
    for number, text in enumerate(lines_of(path), start=1):
        if text.split(",", 1)[0] == str(first_field):
            return number, text
    raise LookupError(first_field)


def with_field(text, index, value):
    fields = text.split(",")
    fields[index] = str(value)
    return ",".join(fields)


def broken_copy(tmp_path, name, source, edit):
    """Write `edit(lines)` (a list of lines of `source`) to tmp_path/name."""
    lines = edit(lines_of(source))
    target = Path(tmp_path) / name
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
