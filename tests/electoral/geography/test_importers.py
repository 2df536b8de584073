import io
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from electoral.geography.importing import GeographyFiles, import_geography
from electoral.importing import ImportFileError
from electoral.models import (
    DistrictPage,
    GeographyMap,
    MunicipalityDistrict,
    MunicipalityPage,
    Section,
)
from tests.helpers.snapshots import built_report

from .broken import HEAD_TOWNS, SECTIONS, broken_copy, line_of, lines_of, with_field
from .conftest import DATA


class RealFilesImportTests(TestCase):
    """The shipped fixtures, imported once per session: the "geography" snapshot
    is import_real_geography()'s result, and its report is kept with it
    (tests/helpers/snapshots.py). Each test is rolled back."""

    snapshot = "geography"

    @classmethod
    def setUpTestData(cls):
        cls.report = built_report("geography")

    def test_counts(self):
        report = self.report
        assert report["municipios"].created == 125
        assert report["distritos"].created == 45
        # From the sections: 112 municipalities in one district, 13 split (37 pairs).
        assert report["municipios en distritos"].created == 149
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

        assert where(1) == ("Acambay de Ruíz Castañeda", 14)
        # Odd assignments that are in the source itself (see fixtures/SOURCES.md).
        assert where(108) == ("Villa Victoria", 10)
        assert where(1253)[0] == "Nezahualcóyotl"
        # Ecatepec lies in six districts; each of its sections in one of them.
        assert where(1302) == ("Ecatepec de Morelos", 21)
        assert where(5200) == ("Toluca", 34)
        ecatepec = MunicipalityPage.objects.get(ine_code=34)
        assert sorted(ecatepec.districts.values_list("number", flat=True)) == [6, 8, 21, 22, 37, 42]
        assert ecatepec.sections.count() == 745
        counts = dict(ecatepec.district_links.values_list("district__number", "section_count"))
        assert counts == {6: 106, 8: 150, 21: 137, 22: 159, 37: 34, 42: 159}
        # Toluca in district 45: two sections, below the old area overlay's 1% cut.
        toluca = MunicipalityPage.objects.get(ine_code=107)
        assert toluca.district_links.get(district__number=45).section_count == 2
        assert not Section.objects.filter(number__in=[58, 72, 6500]).exists()  # gaps in the source

    def test_every_section_has_a_district_and_links_count_them(self):
        assert not Section.objects.filter(district__isnull=True).exists()
        assert self.report["secciones"].extra["without_district"] == 0
        single = [
            m
            for m in MunicipalityPage.objects.prefetch_related("district_links")
            if len(m.district_links.all()) == 1
        ]
        assert len(single) == 112
        for m in MunicipalityPage.objects.prefetch_related("district_links"):
            total = sum(link.section_count for link in m.district_links.all())
            assert total == m.sections.count(), m.name

    def test_links_keep_their_sections_as_runs_of_numbers(self):
        """What the municipality's page lists, worked out at import time: every
        section of the link's municipality and district, once, in order."""
        runs_seen = 0
        for link in MunicipalityDistrict.objects.all():
            numbers = list(
                Section.objects.filter(
                    municipality_id=link.municipality_id, district_id=link.district_id
                )
                .order_by("number")
                .values_list("number", flat=True)
            )
            expanded = [n for first, last in link.section_runs for n in range(first, last + 1)]
            assert expanded == numbers, link
            assert all(
                later[0] > earlier[1] + 1
                for earlier, later in itertools.pairwise(link.section_runs)
            ), link  # runs as long as they go: never two that touch
            runs_seen += len(link.section_runs)
        assert runs_seen >= MunicipalityDistrict.objects.count()

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
        assert MunicipalityDistrict.objects.count() == 149
        assert set(DistrictPage.objects.values_list("number", "head_town")) >= {
            (2, "Toluca de Lerdo"),
            (24, "Cd. Nezahualcóyotl"),
        }

    def test_command_reports_counts(self):
        out = io.StringIO()
        call_command("import_geography", stdout=out)
        text = out.getvalue()
        assert "municipios: 125 (0 nuevos, 0 actualizados, 125 sin cambios)" in text
        assert "secciones: 6544 (0 nuevos, 0 actualizados, 6544 sin cambios)" in text
        assert "Geografía electoral importada." in text

    def test_official_catalogue_replaces_the_shipped_one(self):
        """IEEM's catalogue (same columns) replaces INE's; blank districts are derived
        from the municipality's other sections when they all lie in one district."""

        def edit(lines):
            n1, l1 = line_of(SECTIONS, 1)  # Acambay: all its sections in district 14
            n2, l2 = line_of(SECTIONS, 1305)  # Ecatepec: split six ways
            n3, l3 = line_of(SECTIONS, 1302)
            lines[n1 - 1] = with_field(l1, 4, "")
            lines[n2 - 1] = with_field(l2, 4, "")
            lines[n3 - 1] = with_field(l3, 4, 22)  # moved to district 22
            return lines

        path = broken_copy(self.tmp, "catalogo_ieem.csv", SECTIONS, edit)
        html = self.client.get("/geografia/municipios/toluca/").content.decode()
        assert "Fuente de las secciones y sus distritos: cartografía electoral del INE" in html
        out = io.StringIO()
        call_command(
            "import_sections", str(path), "--fuente", "Catálogo de secciones del IEEM", stdout=out
        )
        html = self.client.get("/geografia/municipios/toluca/").content.decode()
        assert "Fuente de las secciones y sus distritos: Catálogo de secciones del IEEM." in html
        text = out.getvalue()
        assert "secciones: 6544 (0 nuevos, 2 actualizados, 6542 sin cambios)" in text
        assert "tomaron el único distrito de su municipio: 1" in text
        assert "secciones sin distrito conocido: 1" in text
        assert Section.objects.get(number=1).district.number == 14
        assert Section.objects.get(number=1305).district is None
        assert Section.objects.get(number=1302).district.number == 22
        ecatepec = MunicipalityPage.objects.get(ine_code=34)
        counts = dict(ecatepec.district_links.values_list("district__number", "section_count"))
        assert counts == {6: 106, 8: 150, 21: 135, 22: 160, 37: 34, 42: 159}

    @classmethod
    def setUpClass(cls):
        import tempfile

        super().setUpClass()
        cls._tmp = tempfile.TemporaryDirectory()
        cls.tmp = cls._tmp.name

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()
        super().tearDownClass()

    def broken_sections(self):
        """(file name, the copy, the expected message) for each fault."""
        n1302, l1302 = line_of(SECTIONS, 1302)
        n5200, l5200 = line_of(SECTIONS, 5200)
        total = len(SECTIONS.read_text(encoding="utf-8").splitlines())

        def replace(number, text):
            def edit(lines):
                lines[number - 1] = text
                return lines

            return edit

        cases = [
            (
                "sin_columna_distrito.csv",
                lambda lines: [lines[0].replace("distrito_local", "distrito"), *lines[1:]],
                "línea 1, campo «distrito_local»: falta esta columna en el encabezado",
            ),
            (
                "sin_columna_seccion.csv",
                lambda lines: [lines[0].replace("seccion", "section"), *lines[1:]],
                "línea 1, campo «seccion»: falta esta columna en el encabezado",
            ),
            (
                "seccion_en_dos_distritos.csv",
                lambda lines: [*lines, with_field(l1302, 4, 6)],
                f"línea {total + 1}, campo «distrito_local»: la sección 1302 ya apareció en "
                f"la línea {n1302} con el distrito 21; una sección está en un solo distrito "
                "local (aquí dice 6).",
            ),
            (
                "seccion_repetida.csv",
                lambda lines: [*lines, l5200],
                f"línea {total + 1}, campo «seccion»: la sección 5200 ya apareció en la línea "
                f"{n5200}.",
            ),
            (
                "distrito_desconocido.csv",
                replace(n1302, with_field(l1302, 4, "XXI")),
                f"línea {n1302}, campo «distrito_local»: «XXI» no es un número entero.",
            ),
            (
                "distrito_fuera_de_intervalo.csv",
                replace(n5200, with_field(l5200, 4, 46)),
                f"línea {n5200}, campo «distrito_local»: 46 está fuera del intervalo 1–45: "
                "el Estado de México tiene 45 distritos locales.",
            ),
            (
                "distrito_cero.csv",
                replace(n5200, with_field(l5200, 4, 0)),
                f"línea {n5200}, campo «distrito_local»: 0 está fuera del intervalo 1–45",
            ),
            (
                "municipio_desconocido.csv",
                replace(n5200, with_field(l5200, 1, 999)),
                f"línea {n5200}, campo «municipio_ine»: el municipio INE 999 no existe.",
            ),
            (
                "seccion_no_numerica.csv",
                replace(n5200, with_field(l5200, 0, "A12")),
                f"línea {n5200}, campo «seccion»: «A12» no es un número entero.",
            ),
            (
                "nombre_equivocado.csv",
                replace(n5200, with_field(l5200, 3, "Metepec")),
                f"línea {n5200}, campo «municipio_nombre»: «Metepec» no es el nombre del "
                "municipio INE 107.",
            ),
            (
                "clave_inegi_equivocada.csv",
                replace(n5200, with_field(l5200, 2, 54)),
                f"línea {n5200}, campo «municipio_inegi»: «54» no es la clave INEGI del "
                "municipio INE 107 (15106).",
            ),
        ]
        for name, edit, expected in cases:
            yield name, broken_copy(self.tmp, name, SECTIONS, edit), expected

    def test_broken_section_files_import_nothing(self):
        before = list(Section.objects.values_list("number", "municipality_id", "district_id"))
        links = list(MunicipalityDistrict.objects.values_list("pk", "section_count"))
        for name, path, expected in self.broken_sections():
            with self.subTest(name):
                with pytest.raises(CommandError) as error:
                    call_command("import_sections", str(path), stdout=io.StringIO())
                assert "No se importó nada." in str(error.value)
                assert f"{name}, {expected}" in str(error.value)
                after = list(
                    Section.objects.values_list("number", "municipality_id", "district_id")
                )
                assert after == before
                assert list(MunicipalityDistrict.objects.values_list("pk", "section_count")) == (
                    links
                )

    def test_head_towns_from_the_real_file(self):
        toluca = DistrictPage.objects.select_related("head_town_municipality").get(number=2)
        assert (toluca.head_town, toluca.head_town_ine) == ("Toluca de Lerdo", "TOLUCA DE LERDO")
        assert toluca.head_town_municipality.name == "Toluca"
        assert toluca.head_town_label() == "Toluca de Lerdo (Toluca)"
        # Accents only where INEGI's municipality names carry them; none guessed.
        for number, shown, municipality in [
            (1, "Chalco de Diaz Covarrubias", "Chalco"),
            (3, "Chimalhuacán", "Chimalhuacán"),
            (16, "Ciudad Adolfo Lopez Mateos", "Atizapán de Zaragoza"),
            (31, "Los Reyes Acaquilpan", "La Paz"),
            (15, "Ixtlahuaca de Rayón", "Ixtlahuaca"),
            (24, "Cd. Nezahualcóyotl", "Nezahualcóyotl"),
        ]:
            with self.subTest(number):
                page = DistrictPage.objects.select_related("head_town_municipality").get(
                    number=number
                )
                assert (page.head_town, page.head_town_municipality.name) == (
                    shown,
                    municipality,
                )
        assert not DistrictPage.objects.filter(head_town="").exists()
        assert not DistrictPage.objects.filter(head_town_municipality__isnull=True).exists()

    def test_an_edited_head_town_survives_a_new_import(self):
        page = DistrictPage.objects.get(number=1)
        page.head_town = "Chalco de Díaz Covarrubias"
        page.save()
        report = import_geography()
        assert report["cabeceras"].updated == 0
        page.refresh_from_db()
        assert page.head_town == "Chalco de Díaz Covarrubias"
        # A blank one is filled again from INE's name.
        DistrictPage.objects.filter(number=1).update(head_town="")
        assert import_geography()["cabeceras"].updated == 1
        page.refresh_from_db()
        assert page.head_town == "Chalco de Diaz Covarrubias"

    def test_broken_head_town_files_import_nothing(self):
        n2, l2 = line_of(HEAD_TOWNS, 2)
        n45, l45 = line_of(HEAD_TOWNS, 45)
        cases = [
            (
                "cabecera_fuera_de_su_distrito.csv",
                lambda lines: [*lines[: n2 - 1], with_field(l2, 2, 55), *lines[n2:]],
                f"línea {n2}, campo «cabecera_municipio_inegi»: «106» no es la clave INEGI del "
                "municipio INE 55 (15054).",
            ),
            (
                "cabecera_en_otro_distrito.csv",
                lambda lines: [
                    *lines[: n2 - 1],
                    ",".join(l2.split(",")[:2] + ["55", "54", "Metepec"] + l2.split(",")[5:]),
                    *lines[n2:],
                ],
                f"línea {n2}, campo «cabecera_municipio_ine»: Metepec no tiene secciones en el "
                "distrito 2: la cabecera debe estar dentro de su distrito.",
            ),
            (
                "falta_un_distrito.csv",
                lambda lines: [line for line in lines if line != l45],
                "campo «distrito_local»: falta la cabecera del distrito 45.",
            ),
            (
                "cabeceras_sin_columna.csv",
                lambda lines: [lines[0].replace("cabecera_distrito_local", "cabecera"), *lines[1:]],
                "línea 1, campo «cabecera_distrito_local»: falta esta columna en el encabezado",
            ),
        ]
        before = list(DistrictPage.objects.values_list("number", "head_town", "head_town_ine"))
        for name, edit, expected in cases:
            with self.subTest(name):
                path = broken_copy(self.tmp, name, HEAD_TOWNS, edit)
                with pytest.raises(CommandError) as error:
                    call_command("import_geography", head_towns=str(path), stdout=io.StringIO())
                assert f"{name}, {expected}" in str(error.value)
                after = DistrictPage.objects.values_list("number", "head_town", "head_town_ine")
                assert list(after) == before


@pytest.mark.django_db
def test_broken_file_rolls_back_the_whole_geography_import(tmp_path):
    from home.pagetree import ensure_home_page

    ensure_home_page(title="Decide IEEM")
    n, line = line_of(SECTIONS, 1302)
    broken = broken_copy(tmp_path, "dos_veces.csv", SECTIONS, lambda lines: [*lines, line])
    files = GeographyFiles().replace(sections=broken)
    with pytest.raises(ImportFileError) as error:
        import_geography(files)
    assert f"dos_veces.csv, línea {len(lines_of(SECTIONS)) + 1}" in str(error.value)
    # Municipalities and districts were valid, but nothing stays half-imported.
    assert MunicipalityPage.objects.count() == 0
    assert DistrictPage.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_municipality_code():
    from home.pagetree import ensure_home_page

    ensure_home_page(title="Decide IEEM")
    files = GeographyFiles().replace(municipalities=DATA / "municipios_duplicate_code.csv")
    with pytest.raises(ImportFileError) as error:
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
    missing = GeographyFiles().replace(sections=tmp_path / "no_existe.csv")
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(ImportFileError, match="no_existe.csv: no se encontró el archivo"),
    ):
        import_geography(missing)
    # Reported before anything is written (not after the pages, rolled back).
    assert queries.captured_queries == []
    assert MunicipalityPage.objects.count() == 0
