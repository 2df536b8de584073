import io

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from electoral.geography.importing import GeographyFiles, import_geography
from electoral.geography.sources import GeographyImportError
from electoral.models import (
    DistrictPage,
    GeographyMap,
    MunicipalityDistrict,
    MunicipalityPage,
    Section,
)

from .conftest import DATA, import_real_geography


class RealFilesImportTests(TestCase):
    """The shipped fixtures, imported once for the class (each test is rolled back)."""

    @classmethod
    def setUpTestData(cls):
        cls.report = import_real_geography()

    def test_counts(self):
        report = self.report
        assert report["municipios"].created == 125
        assert report["distritos"].created == 45
        assert report["municipios en distritos"].created == 148
        assert report["municipios en distritos"].extra["split"] == 13
        assert report["secciones"].created == 6544
        assert MunicipalityPage.objects.live().count() == 125
        assert DistrictPage.objects.live().count() == 45
        assert Section.objects.count() == 6544
        assert Section.objects.order_by("number").first().number == 1
        assert Section.objects.order_by("number").last().number == 6637

    def test_both_numberings_and_accented_names(self):
        for inegi, ine, name, slug in [
            ("15058", 60, "Nezahualcóyotl", "nezahualcoyotl"),
            ("15064", 65, "El Oro", "el-oro"),
            ("15121", 25, "Cuautitlán Izcalli", "cuautitlan-izcalli"),
            ("15106", 107, "Toluca", "toluca"),
            ("15001", 1, "Acambay de Ruíz Castañeda", "acambay-de-ruiz-castaneda"),
        ]:
            with self.subTest(name):
                page = MunicipalityPage.objects.get(inegi_code=inegi)
                assert (page.ine_code, page.name, page.title, page.slug) == (ine, name, name, slug)
                assert page.url_path.endswith(f"/geografia/municipios/{slug}/")

    def test_registered_voters_from_ieem_results_with_source(self):
        acambay = MunicipalityPage.objects.get(ine_code=1)
        assert acambay.registered_voters == 48380
        assert "IEEM" in acambay.registered_voters_source
        assert not MunicipalityPage.objects.filter(registered_voters__isnull=True).exists()

    def test_sample_of_sections(self):
        def where(number):
            s = Section.objects.select_related("municipality", "district").get(number=number)
            return s.municipality.name, s.district.number if s.district else None

        acambay_district = MunicipalityPage.objects.get(ine_code=1).districts.get().number
        assert where(1) == ("Acambay de Ruíz Castañeda", acambay_district)
        # Odd assignments that are in the source itself (see fixtures/SOURCES.md).
        assert where(108)[0] == "Villa Victoria"
        assert where(1253)[0] == "Nezahualcóyotl"
        # Ecatepec lies in six districts: without the official catalogue it stays unknown.
        assert where(1302) == ("Ecatepec de Morelos", None)
        ecatepec = MunicipalityPage.objects.get(ine_code=34)
        assert sorted(ecatepec.districts.values_list("number", flat=True)) == [6, 8, 21, 22, 37, 42]
        assert ecatepec.sections.count() == 745
        assert not Section.objects.filter(number__in=[58, 72, 6500]).exists()  # gaps in the source

    def test_single_district_municipalities_give_their_sections_a_district(self):
        single = [
            m
            for m in MunicipalityPage.objects.prefetch_related("district_links")
            if len(m.district_links.all()) == 1
        ]
        assert len(single) == 112
        assert not Section.objects.filter(municipality__in=single, district__isnull=True).exists()
        unknown = Section.objects.filter(district__isnull=True).count()
        assert unknown == self.report["secciones"].extra["without_district"] > 0

    def test_maps_are_small_linked_and_named(self):
        maps = {m.kind: m.svg for m in GeographyMap.objects.all()}
        total = sum(len(svg.encode()) for svg in maps.values())
        assert total < 150 * 1024, f"{total} bytes"
        assert maps["districts"].count("<a href=") == 45
        assert maps["municipalities"].count("<a href=") == 125
        assert (
            '<a href="/geografia/municipios/nezahualcoyotl/" id="municipio-60" '
            'aria-label="Nezahualcóyotl">' in maps["municipalities"]
        )
        assert 'aria-label="Distrito local 23"' in maps["districts"]
        page = DistrictPage.objects.get(number=23)
        assert page.shape_path.startswith("M") and len(page.shape_viewbox.split()) == 4

    def test_import_is_idempotent(self):
        pages_before = MunicipalityPage.objects.count() + DistrictPage.objects.count()
        report = import_geography()
        for counts in report.values():
            assert counts.created == counts.updated == counts.deleted == 0
        assert MunicipalityPage.objects.count() + DistrictPage.objects.count() == pages_before
        assert Section.objects.count() == 6544
        assert MunicipalityDistrict.objects.count() == 148

    def test_command_reports_counts(self):
        out = io.StringIO()
        call_command("import_geography", stdout=out)
        text = out.getvalue()
        assert "municipios: 125 (0 nuevos, 0 actualizados, 125 sin cambios)" in text
        assert "secciones: 6544 (0 nuevos, 0 actualizados, 6544 sin cambios)" in text
        assert "Geografía electoral importada." in text

    def test_optional_official_district_column(self):
        out = io.StringIO()
        call_command("import_sections", str(DATA / "sections_with_district.csv"), stdout=out)
        # The file is the whole catalogue: only its three sections remain.
        assert "3 (0 nuevos, 1 actualizados, 2 sin cambios, 6541 eliminados)" in out.getvalue()
        assert Section.objects.count() == 3
        assert Section.objects.get(number=1302).district.number == 21
        assert Section.objects.get(number=1305).district is None  # blank: still unknown
        assert Section.objects.get(number=1).district is not None  # derived from the municipality

    def test_broken_section_files_import_nothing(self):
        cases = [
            ("sections_bad_header.csv", "línea 1, campo «seccion»: falta esta columna"),
            (
                "sections_duplicate.csv",
                "línea 4, campo «seccion»: la sección 2 ya apareció en la línea 3.",
            ),
            (
                "sections_unknown_municipality.csv",
                "línea 3, campo «municipio_ine»: el municipio INE 999 no existe.",
            ),
            (
                "sections_not_a_number.csv",
                "línea 3, campo «seccion»: «A12» no es un número entero.",
            ),
            (
                "sections_unknown_district.csv",
                "línea 3, campo «distrito_local»: el distrito 99 no existe.",
            ),
            (
                "sections_wrong_name.csv",
                "línea 2, campo «municipio_nombre»: «TOLUCA» no es el nombre del municipio INE 1.",
            ),
        ]
        before = list(Section.objects.values_list("number", "municipality_id", "district_id"))
        for name, expected in cases:
            with self.subTest(name):
                with pytest.raises(CommandError) as error:
                    call_command("import_sections", str(DATA / name), stdout=io.StringIO())
                assert "No se importó nada." in str(error.value)
                assert f"{name}, {expected}" in str(error.value)
                after = list(
                    Section.objects.values_list("number", "municipality_id", "district_id")
                )
                assert after == before


@pytest.mark.django_db
def test_broken_file_rolls_back_the_whole_geography_import():
    from home.pagetree import ensure_home_page

    ensure_home_page(title="Decide IEEM")
    files = GeographyFiles().replace(sections=DATA / "sections_duplicate.csv")
    with pytest.raises(GeographyImportError) as error:
        import_geography(files)
    assert "sections_duplicate.csv, línea 4" in str(error.value)
    # Municipalities and districts were valid, but nothing stays half-imported.
    assert MunicipalityPage.objects.count() == 0
    assert DistrictPage.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_municipality_code():
    from home.pagetree import ensure_home_page

    ensure_home_page(title="Decide IEEM")
    files = GeographyFiles().replace(municipalities=DATA / "municipios_duplicate_code.csv")
    with pytest.raises(GeographyImportError) as error:
        import_geography(files)
    assert (
        "municipios_duplicate_code.csv, línea 3, campo «cve_geo»: la clave 15001 ya apareció "
        "en la línea 2." in error.value.messages
    )
    assert MunicipalityPage.objects.count() == 0


@pytest.mark.django_db
def test_missing_file_is_reported(tmp_path):
    from home.pagetree import ensure_home_page

    ensure_home_page(title="Decide IEEM")
    with pytest.raises(GeographyImportError, match="no_existe.csv: no se encontró el archivo"):
        import_geography(GeographyFiles().replace(sections=tmp_path / "no_existe.csv"))
