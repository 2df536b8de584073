"""The results importers on the real files and on broken copies."""

import io
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from electoral.importing import ImportFileError
from electoral.models import Contest, DistrictPage, VoteOption
from electoral.results.figures import contest_figures
from electoral.results.importers import SOURCE_2018, import_district_file
from tests.helpers.snapshots import built_report

from .helpers import DISTRICTS_2018, district_rows, raw_rows, write_csv


def _contest(key):
    return Contest.objects.with_options().select_related("municipality", "district").get(key=key)


class RealFilesTests(TestCase):
    # The "results" snapshot is real_results(): the real geography, the 2021
    # actors, then the default results imported from none; its report is kept
    # with it (tests/helpers/snapshots.py), so the import is not run again here.
    snapshot = "results"

    @classmethod
    def setUpTestData(cls):
        cls.report = built_report("results")

    def test_counts_of_the_first_import(self):
        assert self.report["ayuntamientos 2021"].created == 127  # 125 ordinary + 2 extraordinary
        assert self.report["diputaciones 2018"].created == 45
        assert Contest.objects.municipal().filter(kind="ordinaria").count() == 125

    def test_every_municipality_adds_up_as_in_the_raw_file(self):
        header, rows = raw_rows()
        efec, nr, nul, tot, lisnom = (
            header.index(c) for c in ("efec", "nr", "nul", "tot", "lisnom")
        )
        checked = 0
        for row in rows:
            ine = int(row[header.index("ID_MUNICIPIO")])
            contest = _contest(f"ayuntamiento/{ine:03d}/2021/ordinaria")
            f = contest_figures(contest)
            assert f["lista_nominal"] == int(row[lisnom])
            if not row[efec]:  # Nextlalpan: annulled, no figures
                assert ine == 59 and not f["hay_cifras"] and f["opciones"] == []
                continue
            assert f["votos_validos"] == int(row[efec]) == sum(o["votos"] for o in f["opciones"])
            assert (f["votos_no_registrados"], f["votos_nulos"]) == (int(row[nr]), int(row[nul]))
            assert f["votos_validos"] + f["votos_no_registrados"] + f["votos_nulos"] == int(
                row[tot]
            )
            assert f["votacion_total"] == int(row[tot])
            checked += 1
        assert checked == 124

    def test_toluca(self):
        f = contest_figures(_contest("ayuntamiento/107/2021/ordinaria"))
        votes = {o["opcion"]: o["votos"] for o in f["opciones"]}
        assert votes["Coalición PAN-PRI-PRD"] == 166232
        assert votes["Coalición PT-MORENA-NAEM"] == 147244
        assert f["ganador"] == "Coalición PAN-PRI-PRD" and f["margen"] == 166232 - 147244
        assert f["participacion"] == "54.29"  # 366,778 / 675,652
        assert f["estado"] == "Cómputo final" and f["fecha"] == "2021-06-06"

    def test_options_link_to_the_2021_actors(self):
        toluca = _contest("ayuntamiento/107/2021/ordinaria")
        keys = {o.label: o.actor.registry_key for o in toluca.options.all()}
        assert keys["pan-pri-prd"] == "pan-pri-prd" and keys["pvem"] == "pvem"
        common = VoteOption.objects.filter(kind="candidatura_comun")
        assert common.count() == 30
        assert {o.actor.registry_key for o in common} == {"pt-morena-pna/cc"}
        indep = VoteOption.objects.filter(kind="independiente", contest__process_year=2021)
        assert indep.exists() and all(o.actor_id for o in indep)

    def test_atlautla_has_its_two_elections(self):
        ordinary = contest_figures(_contest("ayuntamiento/015/2021/ordinaria"))
        extra = contest_figures(_contest("ayuntamiento/015/2021/extraordinaria"))
        assert ordinary["estado"] == "Elección anulada" and ordinary["ganador"] is None
        assert ordinary["votos_validos"] == 14448 and ordinary["fecha"] == "2021-06-06"
        assert extra["fecha"] == "2022-05-15" and extra["tipo"] == "Elección extraordinaria"
        assert extra["proceso_electoral"] == 2021
        assert extra["ganador"] == "PRD" and extra["ganador_votos"] == 3953
        assert extra["votos_validos"] == 12929 and extra["participacion"] is None

    def test_nextlalpan_has_its_two_elections(self):
        ordinary = contest_figures(_contest("ayuntamiento/059/2021/ordinaria"))
        extra = contest_figures(_contest("ayuntamiento/059/2021/extraordinaria"))
        assert ordinary["anulada"] and not ordinary["hay_cifras"]
        assert extra["fecha"] == "2021-11-14" and extra["ganador"] == "MORENA"
        assert extra["votos_validos"] == 18115 and extra["lista_nominal"] == 31281

    def test_the_two_vote_difference_of_the_common_candidacy_is_noted(self):
        noted = Contest.objects.filter(notes__contains="candidatura común PT-MORENA-NAEM")
        assert noted.count() == 30
        assert "+2 respecto del cómputo por partido" in noted.first().notes

    def test_district_2018_figures_combinations_and_court_rulings(self):
        f = contest_figures(_contest("diputacion/02/2018/ordinaria"))
        assert f["votos_validos"] == 165115 and f["votacion_total"] == 171019
        assert f["lista_nominal"] == 241049 and f["anio"] == 2018
        names = [o["opcion"] for o in f["opciones"]]
        assert "Nueva Alianza (NA, partido nacional en 2018)" in names
        assert (
            "Encuentro Social (ES, 2018)" in names
            and "Vía Radical (VR, partido local en 2018)" in names
        )
        # PT, MORENA, ES and their combinations add to one candidacy.
        jhh = next(c for c in f["candidaturas"] if c["clave"] == "PT-MORENA-ES")
        assert jhh["votos"] == 4475 + 62313 + 3610 + 1638 + 369 + 82 + 514
        assert f["ganador"] == "Coalición PT-MORENA-ES"
        modified = Contest.objects.filter(status="modificada_tribunal").order_by("district__number")
        assert [c.district.number for c in modified] == [1, 19, 24, 29, 37, 40]
        assert _contest("diputacion/01/2018/ordinaria").reported_head_town == (
            "CHALCO DE DIAZ COVARRUBIAS"
        )

    def test_blank_cell_means_not_on_the_ballot(self):
        ten = _contest("diputacion/10/2018/ordinaria")
        labels = [o.label for o in ten.options.all()]
        assert "PAN_PRD_MC" not in labels and "PAN" in labels
        pan = next(o for o in ten.options.all() if o.label == "PAN")
        assert pan.candidacy == "PAN"  # no coalition in district 10
        assert [o.label for o in _contest("diputacion/36/2018/ordinaria").options.all()][-1] == (
            "CAND_IND1"
        )

    def test_second_import_changes_nothing(self):
        from electoral.results.importers import import_default_results

        report = import_default_results()
        assert report["ayuntamientos 2021"].unchanged == 127
        assert report["diputaciones 2018"].unchanged == 45
        assert (
            VoteOption.objects.filter(contest__district__number=2).count() == 18
        )  # 19 columns, CAND_IND1 blank


class DistrictFileTests(TestCase):
    """import_results on broken copies of the real 2018 file: nothing is stored."""

    # A home page and the 45 districts, built once (conftest.py).
    snapshot = "results-45-districts"

    @classmethod
    def setUpTestData(cls):
        assert DistrictPage.objects.count() == 45 and not Contest.objects.exists()

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())

    def run_command(self, path, year=2018):
        out = io.StringIO()
        call_command(
            "import_results",
            str(path),
            "--contest",
            "diputaciones",
            "--year",
            str(year),
            "--source",
            SOURCE_2018,
            stdout=out,
        )
        return out.getvalue()

    def test_real_file_through_the_command(self):
        out = self.run_command(DISTRICTS_2018)
        assert "45 (45 nuevos, 0 actualizados, 0 sin cambios)" in out
        assert Contest.objects.districts().count() == 45
        out = self.run_command(DISTRICTS_2018)
        assert "45 (0 nuevos, 0 actualizados, 45 sin cambios)" in out

    def broken(self, line, column, value):
        header, rows = district_rows()
        rows[line - 2][[h.strip() for h in header].index(column)] = value
        return write_csv(self.dir / "roto.csv", header, rows)

    def assert_refused(self, path, *fragments):
        with pytest.raises(CommandError) as exc:
            self.run_command(path)
        message = str(exc.value)
        assert "No se importó nada" in message
        for fragment in fragments:
            assert fragment in message, message
        assert Contest.objects.count() == 0 and VoteOption.objects.count() == 0

    def test_options_that_do_not_add_up_to_valid_votes(self):
        # line 40 (district 39): one vote more for PRI; the earlier 38 rows are fine.
        header, rows = district_rows()
        pri = header.index("PRI")
        path = self.broken(40, "PRI", str(int(rows[38][pri]) + 1))
        self.assert_refused(
            path, "roto.csv, línea 40, campo «NUM_VOTOS_VALIDOS»", "las opciones suman"
        )

    def test_total_that_does_not_add_up(self):
        header, rows = district_rows()
        total = header.index("TOTAL_VOTOS")
        path = self.broken(3, "TOTAL_VOTOS", str(int(rows[1][total]) - 5))
        self.assert_refused(
            path, "línea 3, campo «TOTAL_VOTOS»", "válidos + no registrados + nulos"
        )

    def test_text_in_a_vote_cell(self):
        self.assert_refused(
            self.broken(5, "MC", "doce"), "línea 5, campo «MC»: «doce» no es un número"
        )

    def test_unknown_district(self):
        self.assert_refused(
            self.broken(2, "ID_DISTRITO_LOCAL", "46"), "línea 2, campo «ID_DISTRITO_LOCAL»", "46"
        )

    def test_missing_column(self):
        header, rows = district_rows()
        i = header.index("NUM_VOTOS_NULOS")
        path = write_csv(
            self.dir / "roto.csv",
            header[:i] + header[i + 1 :],
            [r[:i] + r[i + 1 :] for r in rows],
        )
        self.assert_refused(path, "campo «NUM_VOTOS_NULOS»: falta esta columna")

    def test_header_names_with_trailing_spaces_are_read(self):
        header, _ = district_rows()
        assert "PAN " in header and "MORENA " in header  # as in the source
        import_district_file(DISTRICTS_2018, year=2018, source="prueba")
        assert (
            VoteOption.objects.filter(label="MORENA", contest__district__number=2).get().votes
            == 62313
        )

    def test_a_court_footnote_on_any_year(self):
        path = self.broken(3, "CABECERA_DISTRITAL_LOCAL", "TOLUCA DE LERDO 7")
        import_district_file(path, year=2018, source="prueba")
        contest = Contest.objects.get(district__number=2)
        assert (
            contest.status == "modificada_tribunal"
            and contest.reported_head_town == "TOLUCA DE LERDO"
        )
        assert "nota 7" in contest.notes

    def test_empty_district_table_is_refused(self):
        DistrictPage.objects.filter(number=45).delete()
        with pytest.raises(ImportFileError) as exc:
            import_district_file(DISTRICTS_2018, year=2018, source="prueba")
        assert "línea 46, campo «ID_DISTRITO_LOCAL»: no existe el distrito local 45" in str(
            exc.value
        )
        assert Contest.objects.count() == 0


class AdminTests(TestCase):
    snapshot = "results-without-actors"  # built once: tests/helpers/snapshots.py

    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        cls.admin = get_user_model().objects.create_superuser("jefa", "jefa@example.org", "x" * 16)

    def test_results_list_is_read_only_for_everyone(self):
        self.client.force_login(self.admin)
        html = self.client.get("/admin/resultados/?q=Toluca").content.decode()
        assert "Toluca" in html
        contest = Contest.objects.get(key="ayuntamiento/107/2021/ordinaria")
        inspect = self.client.get(f"/admin/resultados/inspect/{contest.pk}/").content.decode()
        assert "366778" in inspect or "366,778" in inspect
        assert self.client.get("/admin/resultados/new/").status_code in (302, 403)
        response = self.client.post(f"/admin/resultados/edit/{contest.pk}/", {"status": "anulada"})
        assert response.status_code in (302, 403)
        contest.refresh_from_db()
        assert contest.status == "computo_final"
