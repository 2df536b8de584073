"""Public results pages, their CSV and JSON, the calendar and the query budget."""

import csv
import io
import json
import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from electoral.models import Contest, DistrictPage, VoteOption
from electoral.results.importers import import_district_file

from .helpers import DISTRICTS_2018, set_phase

ROW = re.compile(
    r'<th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?(?:<span class="meta">[^<]*</span>)?</th>\s*'
    r'<td class="num">([\d,]+)</td>\s*<td class="num">([\d.]+|—)</td>'
)


def text(response):
    return " ".join(response.content.decode().split())


def option_rows(html):
    """(option, votes, percent) of every option row of every results table with bars."""
    return [(name.strip(), votes, pct) for name, votes, pct in ROW.findall(html)]


class ResultsPagesTests(TestCase):
    snapshot = "results"  # built once: tests/helpers/snapshots.py

    def setUp(self):
        set_phase("results")

    # --- one municipality ----------------------------------------------------

    def test_toluca_shows_its_real_figures_and_winner(self):
        html = text(self.client.get("/resultados/municipios/toluca/"))
        assert "Resultados 2021: ayuntamiento de Toluca" in html
        assert (
            "<strong>Coalición PAN-PRI-PRD</strong> con 166,232 votos (ventaja de 18,988)" in html
        )
        assert "54.29 % (366,778 votos de 675,652 personas en la lista nominal)" in html
        assert "Elección ordinaria, 6 de junio de 2021" in html and "Cómputo final" in html
        assert (
            "Fuente:" in html and "cómputo municipal de la elección de ayuntamientos 2021" in html
        )
        rows = option_rows(html)
        assert ("Coalición PAN-PRI-PRD", "166,232", "45.32") in rows
        assert ("Coalición PT-MORENA-NAEM", "147,244", "40.15") in rows
        assert '<rect width="45.32"' in html  # the bar says the same as the number

    def test_csv_and_json_carry_exactly_the_page_figures(self):
        for slug in ("toluca", "atlautla", "nextlalpan", "ecatepec-de-morelos"):
            html = text(self.client.get(f"/resultados/municipios/{slug}/"))
            data = json.loads(self.client.get(f"/resultados/municipios/{slug}.json").content)
            raw = self.client.get(f"/resultados/municipios/{slug}.csv")
            assert raw["Content-Type"] == "text/csv; charset=utf-8"
            body = raw.content.decode("utf-8")
            assert body.startswith("\ufeff")
            rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
            from_json = [
                (o["opcion"], f"{o['votos']:,}", o["porcentaje"] or "—")
                for e in data["elecciones"]
                for o in e["opciones"]
            ]
            from_csv = [
                (r["opcion"], f"{int(r['votos']):,}", r["porcentaje"] or "—")
                for r in rows
                if r["fila"] == "opcion"
            ]
            assert option_rows(html) == from_json == from_csv, slug
            for e in data["elecciones"]:
                totals = {
                    r["opcion"]: r["votos"]
                    for r in rows
                    if r["fila"] == "total" and r["eleccion"] == e["clave"]
                }
                assert totals["Votos válidos"] == str(e["votos_validos"] or "")
                assert totals["Votación total"] == str(e["votacion_total"] or "")
                if e["votacion_total"]:
                    assert f"{e['votacion_total']:,} votos de {e['lista_nominal']:,}" in html
                if e["ganador"]:
                    assert (
                        f"<strong>{e['ganador']}</strong> con {e['ganador_votos']:,} votos" in html
                    )

    def test_toluca_json(self):
        data = json.loads(self.client.get("/resultados/municipios/toluca.json").content)
        (election,) = data["elecciones"]
        assert (
            election["ganador"] == "Coalición PAN-PRI-PRD" and election["votos_validos"] == 357633
        )
        assert election["participacion"] == "54.29" and election["fecha"] == "2021-06-06"

    def test_atlautla_shows_both_elections(self):
        html = text(self.client.get("/resultados/municipios/atlautla/"))
        assert "hubo 2 elecciones del ayuntamiento" in html
        assert "Elección ordinaria del 6 de junio de 2021" in html
        assert "Elección extraordinaria del 15 de mayo de 2022" in html
        assert "<strong>Elección anulada</strong>" in html
        assert "Ninguna: la elección fue anulada." in html
        assert "<strong>PRD</strong> con 3,953 votos" in html
        assert "No se puede calcular: la fuente no da la votación total." in html

    def test_nextlalpan_shows_both_elections(self):
        html = text(self.client.get("/resultados/municipios/nextlalpan/"))
        assert "Elección extraordinaria del 14 de noviembre de 2021" in html
        assert "La fuente no publica las cifras de esta elección." in html
        assert "<strong>MORENA</strong> con 8,022 votos" in html

    def test_common_candidacy_municipalities_say_which_figure_is_shown(self):
        contest = Contest.objects.filter(notes__contains="candidatura común").select_related(
            "municipality"
        )[0]
        html = text(self.client.get(f"/resultados/municipios/{contest.municipality.slug}/"))
        assert "se muestran las cifras por partido" in html and "+2 respecto" in html

    def test_municipality_page_links_to_its_districts_results(self):
        html = text(self.client.get("/resultados/municipios/toluca/"))
        for n in (2, 34):
            assert f'href="/resultados/distritos/{n}/"' in html

    def test_unknown_municipality_is_404(self):
        assert self.client.get("/resultados/municipios/no-existe/").status_code == 404
        assert self.client.get("/resultados/municipios/no-existe.json").status_code == 404

    # --- one district ----------------------------------------------------------

    def test_district_2_says_2021_is_not_loaded_and_shows_2018(self):
        html = text(self.client.get("/resultados/distritos/2/"))
        assert "Resultados de la elección de diputaciones 2021 aún no cargados" in html
        assert "Elección anterior: diputaciones 2018 (1 de julio de 2018)" in html
        assert html.index("aún no cargados") < html.index("Elección anterior")
        assert 'Votos válidos</th><td class="num">165,115' in html
        assert "Coalición PT-MORENA-ES" in html and "Encuentro Social (ES, 2018)" in html
        assert "son historia y se muestran en cualquier momento" in html
        assert "ACDM2018_D02.pdf" in html

    def test_district_page_names_its_head_town_when_known(self):
        # The head town comes from the geography import (INE's «TOLUCA DE LERDO»).
        district = DistrictPage.objects.get(number=2)
        assert district.head_town == "Toluca de Lerdo"
        html = text(self.client.get("/resultados/distritos/2/"))
        assert "con cabecera en Toluca de Lerdo" in html
        data = json.loads(self.client.get("/resultados/distritos/2.json").content)
        assert data["cabecera"] == "Toluca de Lerdo"
        # A district without one says nothing about it.
        district.head_town = ""
        district.save()
        html = text(self.client.get("/resultados/distritos/2/"))
        assert "con cabecera en" not in html

    def test_district_downloads_match_the_page(self):
        html = text(self.client.get("/resultados/distritos/2/"))
        data = json.loads(self.client.get("/resultados/distritos/2.json").content)
        assert data["elecciones"] == [] and data["aviso"].startswith("Resultados de la elección")
        (history,) = data["historia"]
        assert history["hay_coaliciones_con_combinaciones"]
        expected = [
            (o["opcion"], f"{o['votos']:,}", o["porcentaje"]) for o in history["opciones"]
        ] + [
            (c["candidatura"], f"{c['votos']:,}", c["porcentaje"]) for c in history["candidaturas"]
        ]
        assert option_rows(html) == expected
        body = self.client.get("/resultados/distritos/2.csv").content.decode()
        rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
        assert [
            (r["opcion"], f"{int(r['votos']):,}", r["porcentaje"])
            for r in rows
            if r["fila"] in ("opcion", "candidatura")
        ] == expected

    def test_court_modified_district_says_so(self):
        html = text(self.client.get("/resultados/distritos/24/"))
        assert "Cómputo modificado por un tribunal electoral" in html
        assert "un tribunal electoral modificó el resultado" in html

    # --- index -------------------------------------------------------------------

    def test_index_shows_the_map_and_the_tables(self):
        html = self.client.get("/resultados/").content.decode()
        svg = html.split('<svg xmlns="http://www.w3.org/2000/svg" class="results-map"', 1)[1].split(
            "</svg>"
        )[0]
        assert svg.count("<path ") == 125
        assert 'aria-label="Toluca: Coalición PAN-PRI-PRD"' in svg
        assert 'href="/resultados/municipios/toluca/"' in svg
        flat = " ".join(html.split())
        assert 'Coalición PAN-PRI-PRD</th><td class="num">50</td>' in flat
        table = flat.split("Candidatura ganadora del ayuntamiento en cada municipio, 2021", 1)[
            1
        ].split("</table>")[0]
        assert table.count('<th scope="row">') == 125
        assert 'PRD <span class="meta">(elección extraordinaria del 15 de mayo de 2022' in table
        assert "Resultados de la elección de diputaciones 2021 aún no cargados" in flat
        seats = flat.split("Distritos ganados en la elección de diputaciones locales", 1)[1].split(
            "</table>"
        )[0]
        won = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', seats)]
        assert sum(won) == 45

    def test_results_pages_are_cacheable(self):
        for url in (
            "/resultados/",
            "/resultados/municipios/toluca/",
            "/resultados/distritos/2/",
            "/resultados/municipios/toluca.json",
        ):
            response = self.client.get(url)
            assert "public" in response["Cache-Control"], url
            assert not response.cookies, url

    # --- calendar ----------------------------------------------------------------

    def test_before_the_results_date_2021_figures_are_not_served(self):
        set_phase("campaign")
        html = text(self.client.get("/resultados/municipios/toluca/"))
        assert "Los resultados oficiales de 2021 se publican a partir del" in html
        assert "166,232" not in html
        for suffix in (".csv", ".json"):
            response = self.client.get(f"/resultados/municipios/toluca{suffix}")
            assert response.status_code == 404
            assert "166232" not in response.content.decode()
            assert "se publican a partir del" in response.content.decode()
        index = text(self.client.get("/resultados/"))
        assert "se publican a partir del" in index and "results-map" not in index
        assert "Distritos ganados en la elección de diputaciones locales" in index  # 2018 history
        district = text(self.client.get("/resultados/distritos/2/"))
        assert "se publican a partir del" in district and "165,115" in district
        assert "166232" not in self.client.get("/resultados/distritos/2.json").content.decode()

    def test_ballot_municipality_and_district_pages_link_results_once_public(self):
        section = "/mi-boleta/5169/"  # Toluca
        links = ['href="/resultados/municipios/toluca/"']
        pages = {
            section: links,
            "/geografia/municipios/toluca/": links,
            "/geografia/distritos/2/": ['href="/resultados/distritos/2/"'],
        }
        for url, expected in pages.items():
            html = self.client.get(url).content.decode()
            for link in expected:
                assert link in html, url
        set_phase("campaign")
        for url, expected in pages.items():
            html = self.client.get(url).content.decode()
            for link in expected:
                assert link not in html.split("</nav>", 2)[-1], url


class QueryBudgetTests(TestCase):
    """Results pages cost a fixed number of queries, whatever the data."""

    URLS = [
        "/resultados/",
        "/resultados/municipios/toluca/",
        "/resultados/municipios/toluca.csv",
        "/resultados/municipios/toluca.json",
        "/resultados/distritos/2/",
        "/resultados/distritos/2.json",
    ]
    BUDGET = 14
    snapshot = "results-without-actors"  # built once: tests/helpers/snapshots.py

    def counts(self):
        out = {}
        for url in self.URLS:
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            assert response.status_code == 200, url
            out[url] = len(queries)
        return out

    def test_queries_do_not_grow_with_the_data(self):
        set_phase("results")
        self.counts()  # warm the site caches as a running server would
        before = self.counts()
        assert max(before.values()) <= self.BUDGET, before
        # More history (the same file as another year) and many more options.
        import_district_file(DISTRICTS_2018, year=2015, source="prueba de volumen")
        toluca = Contest.objects.get(key="ayuntamiento/107/2021/ordinaria")
        VoteOption.objects.bulk_create(
            VoteOption(
                contest=toluca,
                position=100 + i,
                label=f"x{i}",
                name=f"Opción {i}",
                kind="partido",
                candidacy=f"x{i}",
                candidacy_name=f"Opción {i}",
                votes=0,
            )
            for i in range(300)
        )
        assert self.counts() == before
