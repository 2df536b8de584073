"""Import every geography file in one transaction (used by the command and setup_site)."""

from dataclasses import dataclass, fields
from pathlib import Path

from django.conf import settings
from django.db import transaction

from electoral.geography.models import DistrictPage, GeographyMap, MunicipalityPage, Section
from electoral.importing import file_error

from .pages import ensure_geography_tree

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
# Cited on the public pages while the shipped catalogue is the one in use.
INE_SECTIONS_SOURCE = (
    "cartografía electoral del INE (tabla de la capa de secciones del Estado de México, "
    "distritación local INE/CG608/2016, usada en 2018 y 2021)"
)


@dataclass(frozen=True)
class GeographyFiles:
    municipalities: Path = FIXTURES / "edomex_municipios_inegi.csv"
    crosswalk: Path = FIXTURES / "edomex_municipios_crosswalk_inegi_ine.csv"
    voters: Path = FIXTURES / "ieem2021_ayuntamientos_raw_emagar.csv"
    district_shapes: Path = FIXTURES / "edomex_distritos_locales_2021_simplified.geojson"
    sections: Path = FIXTURES / "edomex_secciones_distrito_local_ine.csv"
    head_towns: Path = FIXTURES / "edomex_distritos_locales_cabeceras.csv"
    municipality_shapes: Path = FIXTURES / "edomex_municipios_ine2021_simplified.geojson"

    def check_present(self):
        """A missing file is reported before anything is written (it was found
        only at its step, after seconds of pages written and rolled back, the
        database's write lock held all along)."""
        for f in fields(self):
            path = getattr(self, f.name)
            if not path.exists():
                raise file_error(path, f"no se encontró el archivo ({path}).")

    def replace(self, **paths):
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        current.update({k: Path(v) for k, v in paths.items() if v})
        return GeographyFiles(**current)


def import_geography(files=None, *, stdout=None):
    """Municipalities, districts, sections (and from them which districts each
    municipality lies in), the districts' head towns, and the maps.

    All or nothing: a problem in any file rolls everything back. Returns the
    counts per step (also written to `stdout`).
    """
    files = files or GeographyFiles()
    files.check_present()
    report = {}
    with transaction.atomic():
        tree = ensure_geography_tree()
        report["municipios"] = MunicipalityPage.objects.import_files(
            files.municipalities, files.crosswalk, files.voters, parent=tree.municipalities
        )
        report["distritos"] = DistrictPage.objects.import_geojson(
            files.district_shapes, parent=tree.districts
        )
        shipped = files.sections == GeographyFiles.sections
        report["secciones"] = Section.objects.import_csv(
            files.sections, source=INE_SECTIONS_SOURCE if shipped else None
        )
        report["municipios en distritos"] = report["secciones"].extra["links"]
        report["cabeceras"] = DistrictPage.objects.import_head_towns(files.head_towns)
        report["mapas"] = GeographyMap.objects.import_shapes(
            files.district_shapes, files.municipality_shapes
        )
    if stdout is not None:
        write_report(report, stdout)
    return report


def write_report(report, stdout):
    for label, counts in report.items():
        stdout.write(f"  {label}: {counts}")
    links = report.get("municipios en distritos")
    if links is not None:
        stdout.write(f"  municipios divididos entre varios distritos: {links.extra['split']}")
    sections = report.get("secciones")
    if sections is not None:
        stdout.write(
            f"  secciones sin distrito en el catálogo: {sections.extra['derived_district']} "
            "tomaron el único distrito de su municipio, "
            f"{sections.extra['without_district']} quedan sin distrito conocido"
        )
    maps = report.get("mapas")
    if maps is not None:
        stdout.write(f"  tamaño de los dos mapas: {maps.extra['bytes'] / 1024:.0f} KB")
