"""Reading official data files with row-level validation and Spanish errors.

Every problem names the file, the line (or GeoJSON element) and the field, so
an IEEM operator can fix the file without reading code. Problems are
collected (up to MAX_ERRORS) and raised together.
"""

import csv
import json
from pathlib import Path

MAX_ERRORS = 20


class GeographyImportError(Exception):
    """The data files are not valid: nothing was imported."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class Problems:
    """Collects problems found in one file."""

    def __init__(self, path, unit="línea"):
        self.name = Path(path).name
        self.unit = unit
        self.messages = []

    def add(self, line, field, message):
        where = f"{self.name}, {self.unit} {line}" if line else self.name
        if field:
            where += f", campo «{field}»"
        self.messages.append(f"{where}: {message}")
        if len(self.messages) >= MAX_ERRORS:
            self.messages.append(f"{self.name}: hay más errores; se muestran los primeros.")
            raise GeographyImportError(self.messages)

    def integer(self, line, row, field, *, minimum=None, maximum=None, blank_ok=False):
        raw = (row.get(field) or "").strip()
        if not raw:
            if not blank_ok:
                self.add(line, field, "está vacío.")
            return None
        try:
            value = int(raw)
        except ValueError:
            self.add(line, field, f"«{raw}» no es un número entero.")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.add(line, field, f"{value} está fuera del intervalo {minimum}–{maximum}.")
            return None
        return value

    def decimal(self, line, row, field, *, minimum, maximum):
        raw = (row.get(field) or "").strip()
        try:
            value = float(raw)
        except ValueError:
            self.add(line, field, f"«{raw}» no es un número.")
            return None
        if not minimum <= value <= maximum:
            self.add(line, field, f"{raw} está fuera del intervalo {minimum}–{maximum}.")
            return None
        return value

    def text(self, line, row, field):
        value = (row.get(field) or "").strip()
        if not value:
            self.add(line, field, "está vacío.")
        return value

    def raise_if_any(self):
        if self.messages:
            raise GeographyImportError(self.messages)


def read_header(path):
    """(stripped header, csv reader positioned on line 2) of a UTF-8 CSV.

    The header may repeat a name (the results files do); a missing, non-UTF-8
    or empty file raises GeographyImportError naming the file.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GeographyImportError([f"{path.name}: no se encontró el archivo ({path})."]) from None
    except UnicodeDecodeError:
        raise GeographyImportError([f"{path.name}: el archivo no está en UTF-8."]) from None
    reader = csv.reader(text.splitlines())
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise GeographyImportError([f"{path.name}, línea 1: el archivo está vacío."]) from None
    return header, reader


def read_csv(path, required, optional=()):
    """Rows of a UTF-8 CSV as (line number, dict); checks the header first.

    Returns (rows, problems, header).
    """
    problems = Problems(path)
    path = Path(path)
    header, reader = read_header(path)
    missing = [c for c in required if c not in header]
    if missing:
        raise GeographyImportError(
            [
                f"{path.name}, línea 1, campo «{c}»: falta esta columna en el encabezado "
                f"(columnas encontradas: {', '.join(header) or 'ninguna'})."
                for c in missing
            ]
        )
    wanted = [c for c in (*required, *optional) if c in header]
    index = {c: header.index(c) for c in wanted}
    rows = []
    for line, values in enumerate(reader, start=2):
        if not values or not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.add(
                line,
                None,
                f"la fila tiene {len(values)} campos y el encabezado {len(header)}.",
            )
            continue
        rows.append((line, {c: values[i] for c, i in index.items()}))
    return rows, problems, header


def read_geojson(path):
    """Features of a GeoJSON FeatureCollection as (element number, feature)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GeographyImportError([f"{path.name}: no se encontró el archivo ({path})."]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeographyImportError([f"{path.name}: no es un GeoJSON válido ({exc})."]) from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise GeographyImportError([f"{path.name}: se esperaba un FeatureCollection."])
    return list(enumerate(data["features"], start=1)), Problems(path, unit="elemento")
