"""The complete list of registered candidacies (plain rows imported from CSV).

Parsing, validation and upserts live in CandidacyManager.import_csv; the
management command `import_candidacies` is a thin wrapper around it.
"""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import models, transaction
from django.db.models import F, Q

from electoral.geography.models import DistrictPage, MunicipalityDistrict, MunicipalityPage
from electoral.importing import ImportReport, Problems, file_error, read_header, read_rows
from electoral.parties.text import readable_name
from home import pagecache
from home.text import fold_all

__all__ = ["Candidacy"]


class Office(models.IntegerChoices):
    PRESIDENCIA = 1, "Presidencia municipal"
    SINDICATURA = 2, "Sindicatura"
    REGIDURIA = 3, "Regiduría"
    DIPUTACION_MR = 4, "Diputación local de mayoría relativa"
    DIPUTACION_RP = 5, "Diputación local de representación proporcional"


# Values used in addresses (?cargo=…) and in the registry CSV layout.
OFFICE_SLUGS = {
    Office.PRESIDENCIA: "presidencia-municipal",
    Office.SINDICATURA: "sindicatura",
    Office.REGIDURIA: "regiduria",
    Office.DIPUTACION_MR: "diputacion-mr",
    Office.DIPUTACION_RP: "diputacion-rp",
}
OFFICE_BY_SLUG = {slug: office for office, slug in OFFICE_SLUGS.items()}
MUNICIPAL_OFFICES = (Office.PRESIDENCIA, Office.SINDICATURA, Office.REGIDURIA)
# Who heads a slate (ayuntamiento) or a majority formula (district).
HEAD_OFFICES = (Office.PRESIDENCIA, Office.DIPUTACION_MR)


class Gender(models.TextChoices):
    WOMAN = "mujer", "Mujer"
    MAN = "hombre", "Hombre"
    NON_BINARY = "no_binaria", "Persona no binaria"
    UNKNOWN = "no_registrado", "Sin dato en la fuente"


GENDER_BY_INPUT = {
    "mujer": Gender.WOMAN,
    "m": Gender.WOMAN,
    "f": Gender.WOMAN,
    "hombre": Gender.MAN,
    "h": Gender.MAN,
    "no binaria": Gender.NON_BINARY,
    "no_binaria": Gender.NON_BINARY,
    "nb": Gender.NON_BINARY,
    "": Gender.UNKNOWN,
    "no registrado": Gender.UNKNOWN,
    "no_registrado": Gender.UNKNOWN,
}


class Role(models.TextChoices):
    OWNER = "propietaria", "Propietaria"
    SUBSTITUTE = "suplente", "Suplente"


# Layout 1: the ayuntamiento heads file (emagar/elecRetrns), one row per
# slate with owner and substitute of the presidencia municipal.
EMAGAR_COLUMNS = [
    "ord",
    "IDENTIFICADOR_MUNICIPIO",
    "mun",
    "part",
    "CANDIDATURA_PROPIETARIA",
    "CANDIDATURA_SUPLENTE",
]
# Layout 2: the IEEM registry layout, one row per person (every office).
REGISTRY_COLUMNS = ["cargo", "municipio", "distrito", "actor", "posicion", "calidad", "nombre"]
REGISTRY_OPTIONAL = ["genero", "reeleccion"]
MAX_ERRORS = 50


@dataclass
class _Row:
    line: int
    office: int
    position: int
    role: str
    name: str
    label: str
    municipality: object = None
    district: object = None
    gender: str = Gender.UNKNOWN
    reelection: object = None
    label_field: str = "actor"
    name_field: str = "nombre"
    head_name: str = ""  # owner of the slate: names an independent candidacy


class CandidacyQuerySet(models.QuerySet):
    def heads(self):
        return self.filter(is_head=True)

    def in_list_order(self):
        """Each slate or formula together: place, actor (registration order),
        office, position, owner before substitute."""
        return self.order_by(
            F("municipality__ine_code").asc(nulls_last=True),
            F("district__number").asc(nulls_last=True),
            "actor__registration_order",
            "actor__title",
            "office",
            "position",
            "role",
            "id",
        )

    def in_district(self, number):
        """Candidacies of a district: its deputies and the ayuntamientos of
        the municipalities that lie (wholly or partly) in it."""
        municipalities = MunicipalityDistrict.objects.filter(district__number=number).values(
            "municipality_id"
        )
        return self.filter(Q(district__number=number) | Q(municipality_id__in=municipalities))

    def matching(self, text):
        key = fold_all(text)
        return self.filter(search_name__contains=key) if key else self


class CandidacyManager(models.Manager.from_queryset(CandidacyQuerySet)):
    def import_csv(self, path, *, source=None):
        """Validate and upsert every row of a candidacy file in one transaction.

        Accepts the IEEM registry layout (REGISTRY_COLUMNS) or the 2021
        ayuntamiento heads layout (EMAGAR_COLUMNS), separated by commas or
        semicolons. Raises ImportFileError listing every problem (line and
        field); nothing is written then. Rows of the same `source` that are
        no longer in the file are removed. Returns an ImportReport.
        """
        path = Path(path)
        source = source or path.name
        rows = self._parse(path)
        return self._store(rows, source, path)

    # -- parsing -------------------------------------------------------------

    def _parse(self, path):
        header, reader = read_header(path, delimiter=None)
        if set(EMAGAR_COLUMNS) <= set(header):
            layout, columns = "emagar", EMAGAR_COLUMNS
        elif set(REGISTRY_COLUMNS) <= set(header):
            layout, columns = "registry", [*REGISTRY_COLUMNS, *REGISTRY_OPTIONAL]
        else:
            missing = [c for c in REGISTRY_COLUMNS if c not in header]
            raise file_error(
                path,
                "encabezado no reconocido. Se esperan las columnas "
                f"{', '.join(REGISTRY_COLUMNS)} (faltan: {', '.join(missing)}) o las del "
                f"archivo de presidencias municipales ({', '.join(EMAGAR_COLUMNS)}).",
                line=1,
            )
        municipalities = {
            m.ine_code: m for m in MunicipalityPage.objects.only("id", "ine_code", "name", "slug")
        }
        districts = {d.number: d for d in DistrictPage.objects.only("id", "number")}
        problems = Problems(path, limit=MAX_ERRORS)
        parse = self._parse_emagar if layout == "emagar" else self._parse_registry
        rows = []
        for line, raw in read_rows(path, header, reader, columns, problems):
            rows.extend(parse(raw, line, municipalities, districts, problems))
        problems.raise_if_any()
        if not rows:
            raise file_error(path, "el archivo no tiene filas de candidaturas.")
        return rows

    @staticmethod
    def _place(value, lookup, line, fieldname, what, problems):
        value = (value or "").strip()
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            problems.add(line, fieldname, f"«{value}» no es un número de {what}.")
            return False
        found = lookup.get(number)
        if found is None:
            problems.add(line, fieldname, f"no existe el {what} con número {number}.")
            return False
        return found

    def _parse_emagar(self, raw, line, municipalities, districts, problems):
        municipality = self._place(
            raw.get("IDENTIFICADOR_MUNICIPIO"),
            municipalities,
            line,
            "IDENTIFICADOR_MUNICIPIO",
            "municipio (INE/IEEM)",
            problems,
        )
        if municipality is None:
            problems.add(line, "IDENTIFICADOR_MUNICIPIO", "falta el municipio.")
        label = (raw.get("part") or "").strip().lower()
        head_name = raw.get("CANDIDATURA_PROPIETARIA") or ""
        out = []
        for fieldname, role in (
            ("CANDIDATURA_PROPIETARIA", Role.OWNER),
            ("CANDIDATURA_SUPLENTE", Role.SUBSTITUTE),
        ):
            name = raw.get(fieldname) or ""
            if not name.strip():
                problems.add(line, fieldname, "falta el nombre.")
                continue
            out.append(
                _Row(
                    line=line,
                    office=Office.PRESIDENCIA,
                    position=1,
                    role=role,
                    name=name,
                    label=label,
                    municipality=municipality or None,
                    label_field="part",
                    name_field=fieldname,
                    head_name=head_name,
                )
            )
        return out if municipality else []

    def _parse_registry(self, raw, line, municipalities, districts, problems):
        n_errors = len(problems)
        office = OFFICE_BY_SLUG.get(fold_all(raw.get("cargo")).replace(" ", "-"))
        if office is None:
            problems.add(
                line,
                "cargo",
                f"«{raw.get('cargo')}» no es un cargo válido ({', '.join(OFFICE_SLUGS.values())}).",
            )
        municipality = self._place(
            raw.get("municipio"),
            municipalities,
            line,
            "municipio",
            "municipio (INE/IEEM)",
            problems,
        )
        district = self._place(
            raw.get("distrito"), districts, line, "distrito", "distrito local", problems
        )
        if office in MUNICIPAL_OFFICES and municipality is None:
            problems.add(line, "municipio", "el cargo municipal requiere municipio.")
        if office == Office.DIPUTACION_MR and district is None:
            problems.add(line, "distrito", "la diputación de mayoría requiere distrito.")
        try:
            position = int((raw.get("posicion") or "").strip())
            if position < 1:
                raise ValueError
        except ValueError:
            problems.add(line, "posicion", f"«{raw.get('posicion')}» no es un número ≥ 1.")
            position = 0
        role = {
            "propietaria": Role.OWNER,
            "propietario": Role.OWNER,
            "suplente": Role.SUBSTITUTE,
        }.get(fold_all(raw.get("calidad")))
        if role is None:
            problems.add(
                line, "calidad", f"«{raw.get('calidad')}» debe ser propietaria o suplente."
            )
        name = raw.get("nombre") or ""
        if not name.strip():
            problems.add(line, "nombre", "falta el nombre.")
        gender = GENDER_BY_INPUT.get(fold_all(raw.get("genero")))
        if gender is None:
            problems.add(
                line,
                "genero",
                f"«{raw.get('genero')}» no es válido "
                "(mujer, hombre, no binaria o vacío si no está registrado).",
            )
        reelection = {"": None, "si": True, "sí": True, "no": False}.get(
            fold_all(raw.get("reeleccion")), "bad"
        )
        if reelection == "bad":
            problems.add(line, "reeleccion", f"«{raw.get('reeleccion')}» debe ser sí, no o vacío.")
        if len(problems) > n_errors:
            return []
        return [
            _Row(
                line=line,
                office=office,
                position=position,
                role=role,
                name=name,
                label=fold_all(raw.get("actor")),
                municipality=municipality,
                district=district,
                gender=gender,
                reelection=reelection,
            )
        ]

    # -- storing -------------------------------------------------------------

    def _resolve_actors(self, rows, problems):
        # The actor pages (electoral.parties.models) import this module: reach
        # their model through the foreign key instead of importing it back.
        PoliticalActorPage = self.model._meta.get_field("actor").related_model
        actors = list(
            PoliticalActorPage.objects.only(
                "id", "registry_key", "ballot_label", "kind"
            ).prefetch_related("municipalities", "districts")
        )
        by_key = {fold_all(a.registry_key): a for a in actors}
        by_label = {}
        for actor in actors:
            by_label.setdefault(actor.ballot_label, []).append(actor)
        for row in rows:
            if row.label not in by_label and row.label in by_key:
                # An actor's own key, e.g. "indep/024/NAME" in the registry layout.
                row.actor = by_key[row.label]
                continue
            if row.label.startswith("indep"):
                place = row.municipality.ine_code if row.municipality else f"d{row.district.number}"
                head = row.head_name or row.name
                row.actor = by_key.get(fold_all(independent_key(place, head)))
                if row.actor is None:
                    problems.add(
                        row.line,
                        row.label_field,
                        "no hay candidatura "
                        f"independiente registrada para «{' '.join(head.split())}» en ese lugar.",
                    )
                continue
            candidates = by_label.get(row.label, [])
            if not candidates:
                problems.add(
                    row.line, row.label_field, f"etiqueta de partido desconocida «{row.label}»."
                )
                row.actor = None
                continue
            if len(candidates) == 1:
                row.actor = candidates[0]
                continue
            # Same parties as a coalition in some places and as a common
            # candidacy in others: the place decides.
            matches = [
                a
                for a in candidates
                if (row.municipality and row.municipality in a.municipalities.all())
                or (row.district and row.district in a.districts.all())
            ]
            if len(matches) != 1:
                problems.add(
                    row.line,
                    row.label_field,
                    f"«{row.label}» no tiene registro "
                    "de coalición o candidatura común para ese lugar.",
                )
                row.actor = None
            else:
                row.actor = matches[0]

    @staticmethod
    def _key(office, municipality_id, district_id, actor_id, position, role):
        return (office, municipality_id, district_id, actor_id, position, role)

    def _store(self, rows, source, path):
        problems = Problems(path, limit=MAX_ERRORS)
        self._resolve_actors(rows, problems)
        seen = {}
        for row in rows:
            if row.actor is None:
                continue
            key = self._key(
                row.office,
                row.municipality.id if row.municipality else None,
                row.district.id if row.district else None,
                row.actor.id,
                row.position,
                row.role,
            )
            if key in seen:
                problems.add(
                    row.line,
                    None,
                    f"fila duplicada; repite la candidatura de la línea "
                    f"{seen[key].line} ({Office(row.office).label}, "
                    f"{row.municipality.name if row.municipality else 'distrito'}, "
                    f"{row.label}, {Role(row.role).label.lower()}).",
                )
            else:
                seen[key] = row
        problems.raise_if_any()

        report = ImportReport(noun="candidaturas", feminine=True, rows=len({r.line for r in rows}))
        by_office = report.extra["by_office"] = Counter()
        with transaction.atomic():
            existing = {}
            for c in self.filter(source=source):
                existing[
                    self._key(
                        c.office, c.municipality_id, c.district_id, c.actor_id, c.position, c.role
                    )
                ] = c
            to_create, to_update = [], []
            fields = ["name", "search_name", "gender", "reelection", "is_head", "source_line"]
            for key, row in seen.items():
                values = {
                    "name": row.name,
                    "search_name": fold_all(row.name),
                    "gender": row.gender,
                    "reelection": row.reelection,
                    "is_head": row.role == Role.OWNER and row.office in HEAD_OFFICES,
                    "source_line": row.line,
                }
                by_office[Office(row.office).label] += 1
                current = existing.pop(key, None)
                if current is None:
                    to_create.append(
                        self.model(
                            office=row.office,
                            position=row.position,
                            role=row.role,
                            actor=row.actor,
                            municipality=row.municipality,
                            district=row.district,
                            source=source,
                            **values,
                        )
                    )
                elif any(getattr(current, f) != v for f, v in values.items()):
                    for f, v in values.items():
                        setattr(current, f, v)
                    to_update.append(current)
                else:
                    report.unchanged += 1
            if existing:
                report.deleted = self.filter(pk__in=[c.pk for c in existing.values()]).delete()[0]
            self.bulk_create(to_create, batch_size=1000)
            self.bulk_update(to_update, fields, batch_size=1000)
            pagecache.purge()  # bulk writes send no signals
            report.created, report.updated = len(to_create), len(to_update)
        return report


def independent_key(place, name):
    """registry_key of an independent candidacy: place (INE municipality
    number, or d<district>) and the registered name of its head."""
    place = f"{place:03d}" if isinstance(place, int) else place
    return f"indep/{place}/{' '.join(str(name).upper().split())}"


class Candidacy(models.Model):
    """One person registered for one office: owner or substitute, on a
    slate (ayuntamiento), a majority formula or a proportional list."""

    Office = Office
    Gender = Gender
    Role = Role

    office = models.PositiveSmallIntegerField("Cargo", choices=Office.choices)
    position = models.PositiveSmallIntegerField(
        "Posición", default=1, help_text="Lugar en la planilla o en la lista (1 = encabeza)."
    )
    role = models.CharField("Calidad", max_length=12, choices=Role.choices)
    name = models.CharField(
        "Nombre (como en el registro)", max_length=200, help_text="Tal como lo publica la fuente."
    )
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    gender = models.CharField(
        "Género",
        max_length=16,
        choices=Gender.choices,
        default=Gender.UNKNOWN,
        help_text="Tal como se registró; nunca se deduce del nombre.",
    )
    actor = models.ForeignKey(
        "electoral.PoliticalActorPage",
        verbose_name="Postulada por",
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    municipality = models.ForeignKey(
        MunicipalityPage,
        verbose_name="Municipio",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    district = models.ForeignKey(
        DistrictPage,
        verbose_name="Distrito local",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    reelection = models.BooleanField(
        "Busca la elección consecutiva",
        null=True,
        blank=True,
        help_text="Vacío: sin dato en la fuente.",
    )
    is_head = models.BooleanField("Encabeza planilla o fórmula", default=False, db_index=True)
    source = models.CharField("Fuente", max_length=200)
    source_line = models.PositiveIntegerField("Línea en la fuente", null=True, blank=True)

    objects = CandidacyManager()

    class Meta:
        verbose_name = "Candidatura"
        verbose_name_plural = "Candidaturas"
        indexes = [
            models.Index(fields=["municipality", "actor"], name="candidacy_mun_actor"),
            models.Index(fields=["district", "actor"], name="candidacy_dist_actor"),
            models.Index(fields=["actor", "is_head"], name="candidacy_actor_head"),
            models.Index(fields=["gender"], name="candidacy_gender"),
            models.Index(fields=["office"], name="candidacy_office"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "municipality", "actor", "position", "role"],
                condition=Q(municipality__isnull=False),
                name="unique_municipal_candidacy",
            ),
            models.UniqueConstraint(
                fields=["office", "district", "actor", "position", "role"],
                condition=Q(municipality__isnull=True, district__isnull=False),
                name="unique_district_candidacy",
            ),
            models.UniqueConstraint(
                fields=["office", "actor", "position", "role"],
                condition=Q(municipality__isnull=True, district__isnull=True),
                name="unique_list_candidacy",
            ),
        ]

    def __str__(self):
        return (
            f"{self.display_name} — {self.get_office_display()} ({self.get_role_display().lower()})"
        )

    def save(self, *args, **kwargs):
        self.search_name = fold_all(self.name)
        self.is_head = self.role == Role.OWNER and self.office in HEAD_OFFICES
        super().save(*args, **kwargs)

    def substitute(self):
        """The substitute of this owner on the same formula or slate, or None."""
        return (
            Candidacy.objects.filter(
                office=self.office,
                municipality_id=self.municipality_id,
                district_id=self.district_id,
                actor_id=self.actor_id,
                position=self.position,
                role=Role.SUBSTITUTE,
            )
            .only("name")
            .first()
        )

    @property
    def display_name(self):
        return readable_name(self.name)

    @property
    def office_slug(self):
        return OFFICE_SLUGS[self.office]

    @property
    def place_label(self):
        if self.municipality_id:
            return self.municipality.name
        if self.district_id:
            return f"Distrito {self.district.number}"
        return "Estado de México"

    @property
    def place_slug(self):
        if self.municipality_id:
            return self.municipality.slug
        if self.district_id:
            return f"distrito-{self.district.number}"
        return "estatal"

    @property
    def gender_label(self):
        return self.get_gender_display()
