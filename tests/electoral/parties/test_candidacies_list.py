"""/candidaturas/ and /candidaturas.csv: filters, gender split, pagination,
bad input, CSV = all pages, fixed queries on ~20,000 candidacies."""

import csv
import io
import re

import pytest

from electoral.models import Candidacy, CandidateProfilePage

pytestmark = pytest.mark.django_db
ROW = re.compile(r'<th scope="row" data-label="Nombre">\s*(?:<a href="[^"]*">)?([^<]+)')


@pytest.fixture
def small_candidacies(db):
    """Six candidacies of four actors in two municipalities and two districts:
    the "candidacies-small" snapshot, built once by
    tests.electoral.factories.small_candidacies() and looked up here."""
    return {"profile": CandidateProfilePage.objects.get(candidacy__name="ANA MARIA NUÑEZ")}


def names(html):
    return [" ".join(n.split()) for n in ROW.findall(html)]


def test_municipality_filter_with_gender_split_and_profiles(client, small_candidacies):
    response = client.get("/candidaturas/?municipio=toluca")
    html = response.content.decode()
    assert response.status_code == 200
    assert names(html) == ["Ana Maria Nuñez", "Eva Ruiz", "Jose Perez"]
    assert "3 candidaturas" in html
    assert re.search(r"Mujer</th><td>2</td>.*66\.7 %", html)
    assert re.search(r"Hombre</th><td>1</td>", html)
    assert f'href="{small_candidacies["profile"].url}">Ana Maria Nuñez' in html
    assert "Sin información capturada por el partido" in html  # Jose Perez heads without profile
    assert 'href="/candidaturas.csv?municipio=toluca"' in html


def test_unknown_gender_is_said_honestly(client, small_candidacies):
    html = client.get("/candidaturas/?municipio=el-oro").content.decode()
    assert re.search(r"Sin dato en la fuente</th><td>1</td><td>.*100\.0 %", html, re.S)
    assert "No lo deducimos del nombre" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("distrito=1", ["Ana Maria Nuñez", "Eva Ruiz", "Jose Perez", "Rosa Diaz"]),
        ("partido=morena", ["Jose Perez", "Rosa Diaz"]),  # includes its coalition
        ("partido=pt-morena-pna", ["Jose Perez"]),
        ("cargo=diputacion-mr", ["Rosa Diaz", "Raul Sosa"]),
        ("genero=mujer", ["Ana Maria Nuñez", "Eva Ruiz"]),
        ("genero=no_registrado&municipio=el-oro", ["Luis Ávila"]),
        ("q=nunez", ["Ana Maria Nuñez"]),
        ("q=NÚÑEZ", ["Ana Maria Nuñez"]),
        ("q=avila", ["Luis Ávila"]),
        ("q=eva ruiz", ["Eva Ruiz"]),
    ],
)
def test_filters(client, small_candidacies, query, expected):
    html = client.get(f"/candidaturas/?{query}").content.decode()
    assert sorted(names(html)) == sorted(expected)


@pytest.mark.parametrize(
    "query, message",
    [
        ("municipio=atlantida", "No encontramos el municipio «atlantida»"),
        ("distrito=99", "El distrito «99» no existe"),
        ("distrito=abc", "El distrito «abc» no existe"),
        ("cargo=rey", "El cargo «rey» no existe"),
        ("partido=xyz", "No encontramos el partido o candidatura «xyz»"),
        ("q=" + "a" * 101, "Escribe como máximo 100 caracteres."),
    ],
)
def test_bad_filters_answer_400_in_spanish_and_keep_input(
    client, small_candidacies, query, message
):
    response = client.get(f"/candidaturas/?{query}&genero=mujer")
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert '<option value="mujer" selected>' in html
    csv_response = client.get(f"/candidaturas.csv?{query}")
    assert csv_response.status_code == 400
    assert message in b"".join(csv_response.streaming_content).decode()


def test_csv_has_bom_and_the_same_rows(client, small_candidacies):
    response = client.get("/candidaturas.csv?municipio=toluca")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [r["nombre_registrado"] for r in rows] == ["ANA MARIA NUÑEZ", "EVA  RUIZ", "JOSE PEREZ"]
    assert rows[0]["cargo"] == "Presidencia municipal" and rows[0]["genero"] == "Mujer"
    assert rows[0]["municipio"] == "Toluca" and rows[0]["clave_ine_municipio"] == "107"


def test_closed_before_publication_date(client, small_candidacies):
    from datetime import timedelta

    from django.utils import timezone

    from home.models import ElectionCalendar

    cal = ElectionCalendar.load()
    cal.candidacies_public_from = timezone.now() + timedelta(days=3)
    cal.save()
    html = client.get("/candidaturas/").content.decode()
    assert "Las candidaturas se publican a partir del" in html
    assert "Ana Maria" not in html
    assert client.get("/candidaturas.csv").status_code == 404


@pytest.fixture
def big(db):
    """125 municipalities × 10 actors × 16 + 45 districts × 10 × 2 = 20,900
    (the "candidacies-20000" snapshot: factories.twenty_thousand_candidacies)."""
    return Candidacy.objects.count()


@pytest.mark.snapshot("candidacies-20000")
def test_all_pages_equal_the_csv(client, big):
    query = "distrito=3&genero=mujer"
    listed = []
    page = 1
    while True:
        html = client.get(f"/candidaturas/?{query}&pagina={page}").content.decode()
        listed += names(html)
        if 'rel="next"' not in html:
            break
        page += 1
    assert page > 1
    body = b"".join(client.get(f"/candidaturas.csv?{query}").streaming_content)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    from electoral.parties.text import readable_name

    assert [readable_name(r["nombre_registrado"]) for r in rows] == listed
    assert len(listed) == Candidacy.objects.in_district(3).filter(gender="mujer").count()


@pytest.mark.snapshot("candidacies-20000")
def test_fixed_queries_on_20000_candidacies(client, big, django_assert_max_num_queries):
    assert big > 20000
    client.get("/candidaturas/")  # warm caches (site root paths)
    for query in (
        "",
        "municipio=municipio-1",
        "distrito=7&cargo=regiduria",
        "partido=p1&genero=mujer",
        "q=persona12&pagina=2",
        "pagina=300",
        "perfil=con",
        "perfil=sin&municipio=municipio-1",
    ):
        with django_assert_max_num_queries(9):
            response = client.get(f"/candidaturas/?{query}")
        assert response.status_code == 200
        with django_assert_max_num_queries(6):
            b"".join(client.get(f"/candidaturas.csv?{query}").streaming_content)


def test_page_out_of_range_falls_back_to_first(client, small_candidacies):
    html = client.get("/candidaturas/?pagina=99").content.decode()
    assert "Esa página no existe" in html and "Ana Maria Nuñez" in html
