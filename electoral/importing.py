"""The toolkit of every importer of official data files.

One way to read a CSV (UTF-8 with or without BOM, the header checked first,
line numbers kept), one error type and one report type, used by the
geography, actors, candidacies and results importers (and the importers to
come). It imports no electoral area, so every area may use it.

Every problem names the file, the line (or GeoJSON element) and the field
(column), in Spanish, so an IEEM operator can fix the file without reading
code: «secciones.csv, línea 12, campo «seccion»: «A12» no es un número
entero.». Problems are collected (up to MAX_PROBLEMS) and raised together in
one ImportFileError; the importers write nothing then (all or nothing).
"""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Problem:
    """One problem of a data file: where it is and what is wrong, in Spanish."""

    file: str
    line: int | None
    column: str | None
    message: str
    unit: str = "línea"

    def __str__(self):
        where = f"{self.file}, {self.unit} {self.line}" if self.line else self.file
        if self.column:
            where += f", campo «{self.column}»"
        return f"{where}: {self.message}"


class ImportFileError(Exception):
    """The data files are not valid: nothing was imported.

    `problems` are Problem objects (or plain Spanish sentences for a problem
    of no single file); `messages` the same as text, one line each.
    """

    def __init__(self, problems):
        self.problems = list(problems)
        self.messages = [str(p) for p in self.problems]
        super().__init__("\n".join(self.messages))


class Problems:
    """Collects the problems found in one file; raises when there are too many."""

    def __init__(self, path, unit="línea", limit=MAX_PROBLEMS):
        self.name = Path(path).name
        self.unit = unit
        self.limit = limit
        self.problems = []

    @property
    def messages(self):
        return [str(p) for p in self.problems]

    def __len__(self):
        return len(self.problems)

    def add(self, line, column, message):
        self.problems.append(Problem(self.name, line, column, message, self.unit))
        if len(self.problems) >= self.limit:
            self.problems.append(f"{self.name}: hay más errores; se muestran los primeros.")
            raise ImportFileError(self.problems)

    def integer(self, line, row, column, *, minimum=None, maximum=None, blank_ok=False):
        raw = (row.get(column) or "").strip()
        if not raw:
            if not blank_ok:
                self.add(line, column, "está vacío.")
            return None
        try:
            value = int(raw)
        except ValueError:
            self.add(line, column, f"«{raw}» no es un número entero.")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.add(line, column, f"{value} está fuera del intervalo {minimum}–{maximum}.")
            return None
        return value

    def decimal(self, line, row, column, *, minimum, maximum):
        raw = (row.get(column) or "").strip()
        try:
            value = float(raw)
        except ValueError:
            self.add(line, column, f"«{raw}» no es un número.")
            return None
        if not minimum <= value <= maximum:
            self.add(line, column, f"{raw} está fuera del intervalo {minimum}–{maximum}.")
            return None
        return value

    def text(self, line, row, column):
        value = (row.get(column) or "").strip()
        if not value:
            self.add(line, column, "está vacío.")
        return value

    def raise_if_any(self):
        if self.problems:
            raise ImportFileError(self.problems)


def file_error(path, message, line=None, column=None):
    """An ImportFileError of one problem of the file at `path`."""
    return ImportFileError([Problem(Path(path).name, line, column, message)])


def read_text(path):
    """The text of a UTF-8 file (a BOM is dropped); a missing or non-UTF-8
    file raises ImportFileError naming it."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise file_error(path, f"no se encontró el archivo ({path}).") from None
    except UnicodeDecodeError as exc:
        raise file_error(path, f"el archivo no está en UTF-8 (byte {exc.start}).") from None


def read_header(path, delimiter=","):
    """(stripped header, csv reader positioned on line 2) of a UTF-8 CSV.

    `delimiter=None` takes «;» when the first line has more of them than
    commas. The header may repeat a name (the results files do); an empty
    file raises ImportFileError.
    """
    text = read_text(path)
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise file_error(path, "el archivo está vacío.", line=1) from None
    return header, reader


def missing_columns_error(path, missing, header):
    return ImportFileError(
        [
            Problem(
                Path(path).name,
                1,
                c,
                "falta esta columna en el encabezado "
                f"(columnas encontradas: {', '.join(header) or 'ninguna'}).",
            )
            for c in missing
        ]
    )


def read_rows(path, header, reader, columns, problems):
    """[(line number, {column: value})] of the `columns` present in `header`.

    Blank lines are skipped; a row with another number of fields than the
    header is a problem.
    """
    index = {c: header.index(c) for c in columns if c in header}
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
    return rows


def read_csv(path, required, optional=(), *, delimiter=",", limit=MAX_PROBLEMS):
    """Rows of a UTF-8 CSV as (line number, dict); checks the header first.

    Returns (rows, problems, header).
    """
    problems = Problems(path, limit=limit)
    header, reader = read_header(path, delimiter)
    missing = [c for c in required if c not in header]
    if missing:
        raise missing_columns_error(path, missing, header)
    return read_rows(path, header, reader, (*required, *optional), problems), problems, header


def read_geojson(path):
    """Features of a GeoJSON FeatureCollection as (element number, feature)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise file_error(path, f"no se encontró el archivo ({path}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise file_error(path, f"no es un GeoJSON válido ({exc}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise file_error(path, "se esperaba un FeatureCollection.")
    return list(enumerate(data["features"], start=1)), Problems(path, unit="elemento")


@dataclass
class ImportReport:
    """What one import did: rows created, updated, unchanged and removed.

    `noun` names what was counted («candidaturas»; feminine nouns take
    «nuevas»); `rows` the data lines read when they differ from the objects;
    `extra` holds importer-specific figures, `notes` warnings for the operator.
    """

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    noun: str = ""
    feminine: bool = False
    rows: int | None = None
    extra: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    def __str__(self):
        a = "a" if self.feminine else "o"
        counts = (
            f"{self.created} nuev{a}s, {self.updated} actualizad{a}s, {self.unchanged} sin cambios"
        )
        if self.deleted:
            counts += f", {self.deleted} retirad{a}s"
        text = f"{self.total} {self.noun} ({counts})" if self.noun else f"{self.total} ({counts})"
        return f"{self.rows} filas, {text}" if self.rows is not None else text

    summary = __str__
