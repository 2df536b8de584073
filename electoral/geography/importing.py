"""Import every geography file in one transaction (used by the command and setup_site)."""

from dataclasses import dataclass, fields
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .pages import ensure_geography_tree

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@dataclass(frozen=True)
class GeographyFiles:
    municipalities: Path = FIXTURES / "edomex_municipios_inegi.csv"
    crosswalk: Path = FIXTURES / "edomex_municipios_crosswalk_inegi_ine.csv"
    voters: Path = FIXTURES / "ieem2021_ayuntamientos_raw_emagar.csv"
    district_shapes: Path = FIXTURES / "edomex_distritos_locales_2021_simplified.geojson"
    overlay: Path = FIXTURES / "edomex_municipio_distrito_local_2021_DERIVED_overlay.csv"
    sections: Path = FIXTURES / "edomex_secciones_municipio_ine_elecRetrns.csv"
    municipality_shapes: Path = FIXTURES / "edomex_municipios_ine2021_simplified.geojson"

    def replace(self, **paths):
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        current.update({k: Path(v) for k, v in paths.items() if v})
        return GeographyFiles(**current)


def import_geography(files=None, *, stdout=None):
    """Municipalities, districts, municipality–district links, sections and maps.

    All or nothing: a problem in any file rolls everything back. Returns the
    counts per step (also written to `stdout`).
    """
    from electoral.models import (
        DistrictPage,
        GeographyMap,
        MunicipalityDistrict,
        MunicipalityPage,
        Section,
    )

    files = files or GeographyFiles()
    report = {}
    with transaction.atomic():
        tree = ensure_geography_tree()
        report["municipios"] = MunicipalityPage.objects.import_files(
            files.municipalities, files.crosswalk, files.voters, parent=tree.municipalities
        )
        report["distritos"] = DistrictPage.objects.import_geojson(
            files.district_shapes, parent=tree.districts
        )
        report["municipios en distritos"] = MunicipalityDistrict.objects.import_overlay(
            files.overlay
        )
        report["secciones"] = Section.objects.import_csv(files.sections)
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
            f"  secciones sin distrito conocido (municipio dividido, sin catálogo oficial): "
            f"{sections.extra['without_district']}"
        )
    maps = report.get("mapas")
    if maps is not None:
        stdout.write(f"  tamaño de los dos mapas: {maps.extra['bytes'] / 1024:.0f} KB")
