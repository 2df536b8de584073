"""Importers as manager methods: parse, validate every row, upsert.

Each `import_*` method validates the whole file before writing anything and
returns an `electoral.importing.ImportReport`.
`electoral.geography.importing.import_geography` runs them in order inside
one transaction. Models are reached through `self.model` and `django.apps`,
so this module imports no models at load time.
"""

from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import PageManager

from electoral.importing import ImportFileError, ImportReport, read_csv, read_geojson
from home import pagecache
from home.text import fold_name_words

from .svg import MapItem, Projection, bounds_of, polygons_of, render_map, shape_of, viewbox_of
from .text import accented_words, compress_ranges, head_town_from_ine

VOTERS_SOURCE = (
    "Lista nominal de la elección de ayuntamientos 2021 (cómputo municipal del IEEM), "
    "compilada en elecRetrns de Eric Magar (ITAM)"
)


def _model(name):
    # models.py imports this module (each model names its manager), so a manager
    # reaches a sibling model through the app registry, not an import back.
    return apps.get_model("electoral", name)


def _add_live_child(parent, page):
    """Add an importer-owned page, live, without a revision (fast; editors'
    later edits create revisions as usual)."""
    now = timezone.now()
    page.live = True
    page.has_unpublished_changes = False
    page.first_published_at = page.last_published_at = now
    # Imported here: wagtail.signal_handlers loads models, and this module is
    # imported while the models load.
    from wagtail.signal_handlers import disable_reference_index_auto_update

    # A new importer page holds no rich text yet, so it references nothing.
    with disable_reference_index_auto_update():
        parent.add_child(instance=page)
    return page


def _same_name(given, name):
    """A municipality name as another file writes it: «Acambay» (short), «Paz--La»
    or «ORO, EL» (reordered) are Acambay de Ruíz Castañeda, La Paz and El Oro."""
    words = set(fold_name_words(given).split())
    return bool(words) and words <= set(fold_name_words(name).split())


def _same_inegi(given, code):
    """«1», «001» or «15001» are the INEGI code 15001."""
    return given.isdigit() and int(given) in (int(code), int(code[2:]))


def _ine_key(value, prefix_len):
    """'15_060' -> 60 (INE shape keys carry the state prefix)."""
    state, _, number = str(value).partition("_")
    if state != "15" or not number.isdigit() or len(number) != prefix_len:
        return None
    return int(number)


class MunicipalityPageManager(PageManager):
    def import_files(self, municipalities_csv, crosswalk_csv, voters_csv, *, parent):
        """The 125 municipalities: INEGI names and codes, INE/IEEM numbers,
        lista nominal. Upsert keyed on the INEGI code."""
        rows, problems, _ = read_csv(
            municipalities_csv, required=("cve_geo", "nombre_municipio", "cve_ent")
        )
        found = {}
        for line, row in rows:
            code = problems.text(line, row, "cve_geo")
            name = problems.text(line, row, "nombre_municipio")
            if row["cve_ent"].strip() != "15":
                problems.add(
                    line, "cve_ent", "solo se importan municipios del Estado de México (15)."
                )
                continue
            if code and (len(code) != 5 or not code.isdigit() or not code.startswith("15")):
                problems.add(line, "cve_geo", f"«{code}» no es una clave INEGI 15NNN.")
                continue
            if code in found:
                problems.add(
                    line, "cve_geo", f"la clave {code} ya apareció en la línea {found[code][0]}."
                )
                continue
            if code and name:
                found[code] = (line, name)
        problems.raise_if_any()

        rows, cw_problems, _ = read_csv(crosswalk_csv, required=("cve_inegi", "cve_mun_ine_ieem"))
        ine_by_inegi, inegi_by_ine = {}, {}
        for line, row in rows:
            code = row["cve_inegi"].strip()
            ine = cw_problems.integer(line, row, "cve_mun_ine_ieem", minimum=1, maximum=999)
            if code not in found:
                cw_problems.add(
                    line, "cve_inegi", f"el municipio {code} no está en {problems.name}."
                )
                continue
            if ine is None:
                continue
            if ine in inegi_by_ine:
                cw_problems.add(
                    line,
                    "cve_mun_ine_ieem",
                    f"el número INE {ine} ya se asignó a {inegi_by_ine[ine]}.",
                )
                continue
            ine_by_inegi[code] = ine
            inegi_by_ine[ine] = code
        for code in found.keys() - ine_by_inegi.keys():
            cw_problems.add(None, "cve_inegi", f"falta el municipio {code} ({found[code][1]}).")
        cw_problems.raise_if_any()

        rows, v_problems, _ = read_csv(voters_csv, required=("ID_MUNICIPIO", "lisnom"))
        voters = {}
        for line, row in rows:
            ine = v_problems.integer(line, row, "ID_MUNICIPIO", minimum=1, maximum=999)
            count = v_problems.integer(line, row, "lisnom", minimum=0, blank_ok=True)
            if ine is None:
                continue
            if ine not in inegi_by_ine:
                v_problems.add(line, "ID_MUNICIPIO", f"el municipio INE {ine} no existe.")
                continue
            voters[ine] = count
        v_problems.raise_if_any()

        counts = ImportReport()
        existing = {p.inegi_code: p for p in self.model.objects.all()}
        for code in sorted(found):
            name = found[code][1]
            ine = ine_by_inegi[code]
            values = {
                "name": name,
                "ine_code": ine,
                "registered_voters": voters.get(ine),
                "registered_voters_source": VOTERS_SOURCE if voters.get(ine) is not None else "",
            }
            page = existing.get(code)
            if page is None:
                page = self.model(
                    title=name,
                    slug=slugify(name),
                    inegi_code=code,
                    search_description=(
                        f"{name}, Estado de México: distrito local, secciones electorales, "
                        "lista nominal y mapa."
                    ),
                    **values,
                )
                _add_live_child(parent, page)
                counts.created += 1
            elif any(getattr(page, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(page, k, v)
                page.save()
                counts.updated += 1
            else:
                counts.unchanged += 1
        return counts


class DistrictPageManager(PageManager):
    def import_geojson(self, path, *, parent):
        """The local districts, one per feature of the district shapes (`distritol_21`)."""
        features, problems = read_geojson(path)
        numbers = {}
        for element, feature in features:
            key = (feature.get("properties") or {}).get("distritol_21")
            number = _ine_key(key, 2)
            if number is None or number == 0:
                problems.add(element, "distritol_21", f"«{key}» no es una clave de distrito 15_NN.")
            elif number in numbers:
                problems.add(
                    element,
                    "distritol_21",
                    f"el distrito {number} ya apareció en el elemento {numbers[number]}.",
                )
            else:
                numbers[number] = element
        problems.raise_if_any()
        counts = ImportReport()
        existing = set(self.model.objects.values_list("number", flat=True))
        for number in sorted(numbers):
            if number in existing:
                counts.unchanged += 1
                continue
            page = self.model(
                title=f"Distrito local {number}",
                slug=str(number),
                number=number,
                search_description=(
                    f"Distrito local {number} del Estado de México: municipios, secciones "
                    "electorales y mapa."
                ),
            )
            _add_live_child(parent, page)
            counts.created += 1
        return counts

    def import_head_towns(self, path):
        """The head town (cabecera) of each district, from INE's name
        (`cabecera_distrito_local`) and its municipality (`cabecera_municipio_ine`,
        checked against `cabecera_municipio_inegi`/`_nombre` when given and
        against the sections: the municipality must have sections in the district).

        `head_town` (what the site shows, editable) is rewritten only while it is
        blank or still what the importer wrote from the previous INE name.
        """
        rows, problems, _ = read_csv(
            path,
            required=("distrito_local", "cabecera_distrito_local", "cabecera_municipio_ine"),
            optional=("cabecera_municipio_inegi", "cabecera_municipio_nombre"),
        )
        MunicipalityPage = _model("MunicipalityPage")
        municipalities = {
            m.ine_code: m
            for m in MunicipalityPage.objects.only("pk", "ine_code", "inegi_code", "name")
        }
        districts = {d.number: d for d in self.model.objects.all()}
        present = set(
            _model("Section")
            .objects.filter(district__isnull=False)
            .values_list("district__number", "municipality__ine_code")
            .distinct()
        )
        accents = accented_words(m.name for m in municipalities.values())
        wanted, seen = {}, {}
        for line, row in rows:
            number = problems.integer(line, row, "distrito_local", minimum=1, maximum=999)
            name = problems.text(line, row, "cabecera_distrito_local")
            ine = problems.integer(line, row, "cabecera_municipio_ine", minimum=1, maximum=999)
            if number is None or ine is None or not name:
                continue
            if number not in districts:
                problems.add(line, "distrito_local", f"el distrito {number} no existe.")
                continue
            if number in seen:
                problems.add(
                    line,
                    "distrito_local",
                    f"el distrito {number} ya apareció en la línea {seen[number]}.",
                )
                continue
            seen[number] = line
            municipality = municipalities.get(ine)
            if municipality is None:
                problems.add(line, "cabecera_municipio_ine", f"el municipio INE {ine} no existe.")
                continue
            inegi = row.get("cabecera_municipio_inegi", "").strip()
            if inegi and not _same_inegi(inegi, municipality.inegi_code):
                problems.add(
                    line,
                    "cabecera_municipio_inegi",
                    f"«{inegi}» no es la clave INEGI del municipio INE {ine} "
                    f"({municipality.inegi_code}).",
                )
                continue
            given = row.get("cabecera_municipio_nombre", "").strip()
            if given and not _same_name(given, municipality.name):
                problems.add(
                    line,
                    "cabecera_municipio_nombre",
                    f"«{given}» no es el nombre del municipio INE {ine} ({municipality.name}).",
                )
                continue
            if present and (number, ine) not in present:
                problems.add(
                    line,
                    "cabecera_municipio_ine",
                    f"{municipality.name} no tiene secciones en el distrito {number}: la "
                    "cabecera debe estar dentro de su distrito.",
                )
                continue
            wanted[number] = (name.strip(), municipality)
        for number in sorted(districts.keys() - wanted.keys()):
            if number not in seen:
                problems.add(None, "distrito_local", f"falta la cabecera del distrito {number}.")
        problems.raise_if_any()

        counts = ImportReport()
        for number, (ine_name, municipality) in sorted(wanted.items()):
            page = districts[number]
            shown = page.head_town
            if not shown or shown == head_town_from_ine(page.head_town_ine, accents):
                shown = head_town_from_ine(ine_name, accents)
            values = {
                "head_town_ine": ine_name,
                "head_town": shown,
                "head_town_municipality_id": municipality.pk,
            }
            if all(getattr(page, k) == v for k, v in values.items()):
                counts.unchanged += 1
                continue
            for k, v in values.items():
                setattr(page, k, v)
            page.save()  # also updates the search index (head_town is searchable)
            counts.updated += 1
        return counts


class MunicipalityDistrictManager(models.Manager):
    def rebuild_from_sections(self):
        """Which districts each municipality has sections in, how many, and their
        numbers as runs (what the municipality's page lists): one query over the
        sections, then an upsert (idempotent)."""
        Section = _model("Section")
        numbers = defaultdict(list)
        for municipality_id, district_id, number in (
            Section.objects.filter(district__isnull=False)
            .order_by("number")
            .values_list("municipality_id", "district_id", "number")
        ):
            numbers[(municipality_id, district_id)].append(number)
        wanted = {
            key: (len(found), [list(run) for run in compress_ranges(found)])
            for key, found in numbers.items()
        }
        counts = ImportReport()
        existing = {(link.municipality_id, link.district_id): link for link in self.all()}
        to_create, to_update = [], []
        for key, (n, runs) in wanted.items():
            link = existing.get(key)
            if link is None:
                to_create.append(
                    self.model(
                        municipality_id=key[0],
                        district_id=key[1],
                        section_count=n,
                        section_runs=runs,
                    )
                )
            elif link.section_count != n or link.section_runs != runs:
                link.section_count, link.section_runs = n, runs
                to_update.append(link)
            else:
                counts.unchanged += 1
        stale = [link.pk for key, link in existing.items() if key not in wanted]
        self.bulk_create(to_create)
        self.bulk_update(to_update, ["section_count", "section_runs"])
        pagecache.purge()  # bulk writes send no signals
        if stale:
            self.filter(pk__in=stale).delete()
        counts.created, counts.updated, counts.deleted = len(to_create), len(to_update), len(stale)
        per_municipality = defaultdict(int)
        for municipality_pk, _ in wanted:
            per_municipality[municipality_pk] += 1
        counts.extra["split"] = sum(1 for n in per_municipality.values() if n > 1)
        return counts


class SectionManager(models.Manager):
    SECTION_MAX = 99_999

    def import_csv(self, path, *, source=None):
        """The section catalogue: `seccion`, `municipio_ine`, `distrito_local`,
        and optionally `municipio_nombre` and `municipio_inegi` (checked against
        the municipality). INE's cartography (the shipped file) and IEEM's
        official catalogue both have these columns.

        A blank `distrito_local` takes the district of the municipality's other
        sections when they all lie in one; otherwise it stays unknown (null) and
        the ballot page lists the possible districts.

        The file is the whole catalogue: sections absent from it are removed.
        The municipality–district table is rebuilt from the result, and `source`
        (default: the file's name) is recorded as the catalogue's source.
        """
        DistrictPage = _model("DistrictPage")
        rows, problems, header = read_csv(
            path,
            required=("seccion", "municipio_ine", "distrito_local"),
            optional=("municipio_nombre", "municipio_inegi"),
        )
        municipalities = {
            ine: (pk, normalized, inegi)
            for pk, ine, normalized, inegi in _model("MunicipalityPage").objects.values_list(
                "pk", "ine_code", "normalized_name", "inegi_code"
            )
        }
        districts = dict(DistrictPage.objects.values_list("number", "pk"))
        top = DistrictPage.DISTRICT_COUNT
        wanted, seen = {}, {}
        for line, row in rows:
            number = problems.integer(line, row, "seccion", minimum=1, maximum=self.SECTION_MAX)
            ine = problems.integer(line, row, "municipio_ine", minimum=1, maximum=999)
            district_number = problems.integer(line, row, "distrito_local", blank_ok=True)
            if number is not None and number in seen:
                first_line, first_district = seen[number]
                message = f"la sección {number} ya apareció en la línea {first_line}"
                if district_number is not None and first_district not in (None, district_number):
                    problems.add(
                        line,
                        "distrito_local",
                        f"{message} con el distrito {first_district}; una sección está en "
                        f"un solo distrito local (aquí dice {district_number}).",
                    )
                else:
                    problems.add(line, "seccion", f"{message}.")
                continue
            if number is not None:
                seen[number] = (line, district_number)
            if ine is not None and ine not in municipalities:
                problems.add(line, "municipio_ine", f"el municipio INE {ine} no existe.")
                continue
            if district_number is not None and not 1 <= district_number <= top:
                problems.add(
                    line,
                    "distrito_local",
                    f"{district_number} está fuera del intervalo 1–{top}: el Estado de México "
                    f"tiene {top} distritos locales.",
                )
                continue
            if district_number is not None and district_number not in districts:
                problems.add(
                    line,
                    "distrito_local",
                    f"el distrito {district_number} no existe en el sitio (no se han importado "
                    "sus contornos).",
                )
                continue
            if number is None or ine is None:
                continue
            municipality_pk, normalized, inegi = municipalities[ine]
            given_name = row.get("municipio_nombre", "").strip()
            if given_name and not _same_name(given_name, normalized):
                problems.add(
                    line,
                    "municipio_nombre",
                    f"«{given_name}» no es el nombre del municipio INE {ine}.",
                )
                continue
            given_inegi = row.get("municipio_inegi", "").strip()
            if given_inegi and not _same_inegi(given_inegi, inegi):
                problems.add(
                    line,
                    "municipio_inegi",
                    f"«{given_inegi}» no es la clave INEGI del municipio INE {ine} ({inegi}).",
                )
                continue
            wanted[number] = (municipality_pk, districts.get(district_number))
        problems.raise_if_any()

        # Blank district: the municipality's only district, if it has just one.
        known = defaultdict(set)
        for municipality_pk, district_pk in wanted.values():
            if district_pk is not None:
                known[municipality_pk].add(district_pk)
        derived = 0
        for number, (municipality_pk, district_pk) in wanted.items():
            if district_pk is None and len(known[municipality_pk]) == 1:
                (only,) = known[municipality_pk]
                wanted[number] = (municipality_pk, only)
                derived += 1

        existing = {
            number: (pk, municipality_pk, district_pk)
            for pk, number, municipality_pk, district_pk in self.values_list(
                "pk", "number", "municipality_id", "district_id"
            )
        }
        to_create, to_update, counts = [], [], ImportReport()
        for number, (municipality_pk, district_pk) in wanted.items():
            current = existing.get(number)
            if current is None:
                to_create.append(
                    self.model(
                        number=number, municipality_id=municipality_pk, district_id=district_pk
                    )
                )
            elif current[1:] != (municipality_pk, district_pk):
                to_update.append(
                    self.model(
                        pk=current[0],
                        number=number,
                        municipality_id=municipality_pk,
                        district_id=district_pk,
                    )
                )
            else:
                counts.unchanged += 1
        stale = [pk for number, (pk, *_) in existing.items() if number not in wanted]
        self.bulk_create(to_create, batch_size=500)
        self.bulk_update(to_update, ["municipality", "district"], batch_size=500)
        pagecache.purge()  # bulk writes send no signals
        for i in range(0, len(stale), 500):
            self.filter(pk__in=stale[i : i + 500]).delete()
        counts.created, counts.updated, counts.deleted = len(to_create), len(to_update), len(stale)
        counts.extra["without_district"] = sum(1 for _, d in wanted.values() if d is None)
        counts.extra["derived_district"] = derived
        counts.extra["links"] = _model("MunicipalityDistrict").objects.rebuild_from_sections()
        _model("SectionCatalogue").objects.record(
            source or f"archivo {Path(path).name}", Path(path).name, len(wanted)
        )
        return counts


class SectionCatalogueManager(models.Manager):
    # The cited source, cached (the pages' query budgets); every process sees a
    # new one within CACHE_SECONDS, as public pages are cached that long anyway.
    CACHE_KEY = "geography:sections-source"
    CACHE_SECONDS = 300

    def record(self, source, file_name, section_count):
        """Keep one row; write it only when something changed (idempotent)."""
        cache.delete(self.CACHE_KEY)
        values = {"source": source, "file_name": file_name, "section_count": section_count}
        current = self.order_by("pk").first()
        if current is None:
            return self.create(**values)
        self.exclude(pk=current.pk).delete()
        if any(getattr(current, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(current, k, v)
            current.save()
        return current

    def source(self):
        """The source to cite, or "" before any import."""
        value = cache.get(self.CACHE_KEY)
        if value is None:
            value = self.order_by("pk").values_list("source", flat=True).first() or ""
            cache.set(self.CACHE_KEY, value, self.CACHE_SECONDS)
        return value


class GeographyMapManager(models.Manager):
    MAP_WIDTH = 1000
    PAGE_SHAPE_WIDTH = 4000

    def import_shapes(self, districts_geojson, municipalities_geojson):
        """Project both layers once: state maps (stored SVG) and each page's own outline."""
        DistrictPage = _model("DistrictPage")
        MunicipalityPage = _model("MunicipalityPage")
        district_features, d_problems = read_geojson(districts_geojson)
        municipality_features, m_problems = read_geojson(municipalities_geojson)
        districts = {
            p.number: p
            for p in DistrictPage.objects.only("pk", "number", "title", "slug", "url_path")
        }
        municipalities = {
            p.ine_code: p
            for p in MunicipalityPage.objects.only("pk", "ine_code", "name", "slug", "url_path")
        }

        def geometries(features, problems, key, digits, pages, noun):
            result = {}
            for element, feature in features:
                value = (feature.get("properties") or {}).get(key)
                number = _ine_key(value, digits)
                geometry = feature.get("geometry") or {}
                if number not in pages:
                    problems.add(
                        element, key, f"«{value}» no corresponde a ningún {noun} importado."
                    )
                    continue
                try:
                    polygons_of(geometry)
                except (KeyError, ValueError, TypeError) as exc:
                    problems.add(element, "geometry", f"{exc}.")
                    continue
                result[number] = geometry
            return result

        d_geoms = geometries(
            district_features, d_problems, "distritol_21", 2, districts, "distrito"
        )
        m_geoms = geometries(
            municipality_features, m_problems, "municipio_21", 3, municipalities, "municipio"
        )
        for number, page in municipalities.items():
            if number not in m_geoms:
                m_problems.add(
                    None,
                    "municipio_21",
                    f"falta el contorno del municipio {page.name} (INE {number}).",
                )
        d_problems.raise_if_any()
        m_problems.raise_if_any()
        if not d_geoms or not m_geoms:
            raise ImportFileError(["Los archivos de contornos no tienen figuras."])

        bounds = bounds_of([*d_geoms.values(), *m_geoms.values()])
        state = Projection.fit(bounds, self.MAP_WIDTH)
        detail = Projection.fit(bounds, self.PAGE_SHAPE_WIDTH)

        def url_of(page):
            # url_path is /<home slug>/geografia/...; the site root is the home page.
            return "/" + page.url_path.strip("/").split("/", 1)[1] + "/"

        d_items, m_items = [], []
        for number in sorted(d_geoms):
            page = districts[number]
            shape = shape_of(d_geoms[number], state)
            d_items.append(
                MapItem(f"{number}", url_of(page), f"Distrito local {number}", shape, str(number))
            )
            own = shape_of(d_geoms[number], detail, tolerance=1.5)
            page.shape_path, page.shape_viewbox = own.path, viewbox_of(own.bbox)
        for number in sorted(m_geoms, key=lambda n: municipalities[n].name):
            page = municipalities[number]
            m_items.append(
                MapItem(f"{number}", url_of(page), page.name, shape_of(m_geoms[number], state))
            )
            own = shape_of(m_geoms[number], detail, tolerance=1.5)
            page.shape_path, page.shape_viewbox = own.path, viewbox_of(own.bbox)
        DistrictPage.objects.bulk_update(districts.values(), ["shape_path", "shape_viewbox"])
        MunicipalityPage.objects.bulk_update(
            municipalities.values(), ["shape_path", "shape_viewbox"]
        )
        pagecache.purge()  # bulk writes send no signals

        counts = ImportReport()
        maps = {
            self.model.DISTRICTS: (
                render_map(
                    d_items,
                    state,
                    title=f"Mapa de los {len(d_items)} distritos locales",
                    css_class="geo-map--distritos",
                    id_prefix="distrito",
                ),
                len(d_items),
            ),
            self.model.MUNICIPALITIES: (
                render_map(
                    m_items,
                    state,
                    title=f"Mapa de los {len(m_items)} municipios",
                    css_class="geo-map--municipios",
                    id_prefix="municipio",
                ),
                len(m_items),
            ),
        }
        for kind, (svg, count) in maps.items():
            current = self.filter(kind=kind).first()
            if current is None:
                self.create(kind=kind, svg=svg, shape_count=count)
                counts.created += 1
            elif current.svg != svg:
                current.svg, current.shape_count = svg, count
                current.save()
                counts.updated += 1
            else:
                counts.unchanged += 1
        counts.extra["bytes"] = sum(len(svg.encode()) for svg, _ in maps.values())
        return counts
