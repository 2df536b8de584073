"""What a visitor sees on /geografia/, district and municipality pages, and Mi boleta."""

import re
from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from electoral.models import MunicipalityPage, Section
from home.models import ElectionCalendar
from tests.helpers.html import foreign_references, meta_of


class GeographyPagesTests(TestCase):
    snapshot = "geography"  # built once: tests/helpers/snapshots.py

    def get(self, url, status=200):
        response = self.client.get(url)
        assert response.status_code == status, (url, response.status_code)
        return response.content.decode()

    # --- /geografia/ ------------------------------------------------------

    def test_index_shows_both_maps_and_full_lists(self):
        html = self.get("/geografia/")
        assert "Los 45 distritos locales" in html and "Los 125 municipios" in html
        assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="geo-map') == 2
        districts_list = html.split('id="distritos"')[1].split("</ol>")[0]
        assert districts_list.count("<li") == 45
        municipalities_list = html.split('id="municipios"')[1].split("</ul>")[0]
        assert municipalities_list.count("<li") == 125
        assert (
            '<a href="/geografia/distritos/2/">Distrito local 2</a>: Toluca <span class="meta">'
            "— cabecera: Toluca de Lerdo (Toluca)</span></li>" in districts_list
        )
        assert districts_list.count("— cabecera: ") == 45
        assert (
            '<a href="/geografia/municipios/nezahualcoyotl/">Nezahualcóyotl</a>'
            in municipalities_list
        )
        assert foreign_references(html) == []
        # The maps are plain SVG: the only scripts are the site's own enhancements.
        assert re.findall(r"<script[^>]*>", html) == [
            '<script src="/static/js/site.js" defer>'
        ] or all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", html))
        title, meta = meta_of(html)
        assert title.startswith("Geografía electoral") and "45 distritos" in meta["description"]

    def test_clicking_a_municipality_on_the_map_opens_its_page(self):
        html = self.get("/geografia/")
        href = re.search(r'<a href="([^"]+)" id="municipio-107" aria-label="Toluca">', html).group(
            1
        )
        page = self.get(href)
        assert "<h1>Toluca</h1>" in page

    def test_search_is_accent_and_case_insensitive(self):
        for query in ["nezahualcoyotl", "NEZAHUALCÓYOTL", "neza"]:
            with self.subTest(query):
                html = self.get(f"/geografia/?q={query}")
                results = html.split('id="titulo-resultados"')[1].split("</section>")[0]
                assert "Nezahualcóyotl</a>" in results
                assert "1 resultado." in results
                assert f'value="{query}"' in html  # keeps what was typed

    def test_search_without_results_and_by_district_number(self):
        html = self.get("/geografia/?q=Springfield")
        assert "No encontramos ningún municipio ni distrito llamado «Springfield»" in html
        html = self.get("/geografia/?q=23")
        assert 'href="/geografia/distritos/23/">Distrito local 23</a>' in html

    def test_container_pages_send_to_the_lists(self):
        response = self.client.get("/geografia/municipios/")
        assert response.status_code == 302 and response["Location"].endswith(
            "/geografia/#municipios"
        )

    # --- district and municipality pages ----------------------------------

    def test_district_page_links_to_its_municipalities_and_lists_sections(self):
        chalco = MunicipalityPage.objects.get(ine_code=26)
        number = chalco.districts.get().number
        html = self.get(f"/geografia/distritos/{number}/")
        assert f"<h1>Distrito local {number}</h1>" in html
        assert f'<a href="/geografia/municipios/{chalco.slug}/">Chalco</a>' in html
        first, last = (
            Section.objects.filter(municipality=chalco)
            .order_by("number")
            .values_list("number", flat=True)[:: chalco.sections.count() - 1]
        )
        assert 'Chalco <span class="meta">(' in html and str(first) in html and str(last) in html
        assert 'viewBox="' in html and "Contorno del distrito local" in html

    def test_district_with_part_of_a_split_municipality_says_so(self):
        html = self.get("/geografia/distritos/21/")
        assert "Ecatepec de Morelos</a>" in html
        assert 'Ecatepec de Morelos</a> <span class="meta">(137 secciones)</span>' in html
        assert "solo una parte; el resto está en los distritos" in html
        assert "no tienen distrito en el catálogo" not in html
        assert "<dt>Cabecera</dt><dd>Ecatepec de Morelos</dd>" in html

    def test_district_page_names_head_town_and_its_municipality(self):
        html = self.get("/geografia/distritos/2/")
        assert "con cabecera en Toluca de Lerdo (Toluca)" in html
        assert (
            '<dt>Cabecera</dt><dd>Toluca de Lerdo (<a href="/geografia/municipios/toluca/">'
            "Toluca</a>)</dd>" in html
        )
        assert "donde se escribe «TOLUCA DE LERDO»" in html

    def test_district_page_with_sections_without_district(self):
        Section.objects.filter(number__in=[1302, 1305]).update(district=None)
        html = self.get("/geografia/distritos/21/")
        assert 'Ecatepec de Morelos</a> <span class="meta">(135 secciones)</span>' in html
        assert (
            '2 secciones de <a href="/geografia/municipios/ecatepec-de-morelos/">Ecatepec de '
            "Morelos</a> no tienen distrito en el catálogo de secciones" in html
        )

    def test_municipality_page(self):
        html = self.get("/geografia/municipios/el-oro/")
        el_oro = MunicipalityPage.objects.get(slug="el-oro")
        district = el_oro.districts.get()
        assert "<h1>El Oro</h1>" in html
        assert f'<a href="/geografia/distritos/{district.number}/">{district.number}</a>' in html
        assert "— cabecera: Atlacomulco de Fabela (Atlacomulco)</dd>" in html
        assert "dividido entre" not in html
        assert "<dd>15064</dd>" in html and "<dd>65</dd>" in html
        assert "Lista nominal (2021)" in html and "Fuente de la lista nominal:" in html
        assert f"{el_oro.registered_voters:,}" in html
        assert 'href="/organos/ayuntamiento/"' in html

    def test_split_municipality_page(self):
        html = self.get("/geografia/municipios/ecatepec-de-morelos/")
        assert "Ecatepec de Morelos está dividido entre 6 distritos locales</h2>" in html
        assert "no tienen distrito" not in html and "Sin distrito" not in html
        assert '<form class="lookup" action="/mi-boleta/"' in html
        assert '<a href="/mi-boleta/">Mi boleta</a> te dice tu distrito' in html
        assert re.search(
            r'Distrito 37</a></th>\s*<td>Tlalnepantla de Baz</td>\s*<td class="num">34</td>', html
        )
        assert re.search(r'Total</th><td></td><td class="num">745</td>', html)
        assert 'distrito local 21</a> <span class="meta">(137 secciones)</span></h3>' in html

    def test_split_municipality_page_with_a_section_without_district(self):
        Section.objects.filter(number=1302).update(district=None)
        html = self.get("/geografia/municipios/ecatepec-de-morelos/")
        assert "1 sección de Ecatepec de Morelos no tiene distrito en el catálogo" in html
        assert re.search(
            r'Sin distrito en el catálogo</th>\s*<td>—</td>\s*<td class="num">1</td>', html
        )
        assert 'Sin distrito en el catálogo <span class="meta">(1 sección)</span></h3>' in html

    # --- Mi boleta ----------------------------------------------------------

    def test_lookup_form(self):
        html = self.get("/mi-boleta/")
        assert "Número de sección (viene en tu credencial para votar)" in html
        assert 'action="/mi-boleta/"' in html and "csrfmiddlewaretoken" not in html

    def test_query_redirects_to_the_section_address(self):
        for raw, target in [
            ("1234", "/mi-boleta/1234/"),
            ("0012", "/mi-boleta/12/"),
            (" 12 ", "/mi-boleta/12/"),
        ]:
            with self.subTest(raw):
                response = self.client.get("/mi-boleta/", {"seccion": raw})
                assert response.status_code == 302 and response["Location"] == target
        response = self.client.get("/mi-boleta/0012/")
        assert response.status_code == 302 and response["Location"] == "/mi-boleta/12/"

    def test_ballots_of_a_section_in_a_single_district_municipality(self):
        section = Section.objects.select_related("municipality", "district").get(number=1)
        html = self.get("/mi-boleta/1/")
        assert "<h1>Tus boletas: sección 1</h1>" in html
        assert (
            'href="/geografia/municipios/acambay-de-ruiz-castaneda/">Acambay de Ruíz Castañeda</a>'
            in html
        )
        assert "Ayuntamiento de Acambay de Ruíz Castañeda</h2>" in html
        assert f"Diputación local, distrito {section.district.number}</h2>" in html
        assert (
            'href="/organos/ayuntamiento/"' in html and 'href="/organos/diputacion-local/"' in html
        )
        assert "(posible)" not in html and "Todavía no sabemos" not in html
        assert 'value="1"' in html  # the form again, filled in
        title, meta = meta_of(html)
        assert title.startswith("Mis boletas: sección 1") and "Acambay" in meta["description"]
        response = self.client.get("/mi-boleta/1/")
        assert "public" in response["Cache-Control"]

    def test_section_of_a_split_municipality_has_its_own_district(self):
        html = self.get("/mi-boleta/1302/")
        assert "Ecatepec de Morelos</a>" in html
        assert (
            '<dt>Distrito local</dt><dd><a href="/geografia/distritos/21/">21</a> '
            "— cabecera: Ecatepec de Morelos</dd>" in html
        )
        assert "Todavía no sabemos" not in html and "(posible)" not in html
        assert html.count("Diputación local, distrito") == 1
        assert "Diputación local, distrito 21</h2>" in html
        html = self.get("/mi-boleta/5200/")  # Toluca, district 34
        assert "— cabecera: Toluca de Lerdo (Toluca)</dd>" in html
        assert "distrito local 34</a>, con cabecera en Toluca de Lerdo (Toluca), en la" in html
        assert "Diputación local, distrito 34</h2>" in html

    def test_section_without_district_says_which_districts_are_possible(self):
        Section.objects.filter(number=1302).update(district=None)
        html = self.get("/mi-boleta/1302/")
        assert "Todavía no sabemos en qué distrito local está tu sección." in html
        assert "las demás secciones de Ecatepec de Morelos están en 6 distritos locales" in html
        assert "(6, 8, 21, 22, 37 y 42)" in html
        for number in (6, 8, 21, 22, 37, 42):
            possible = '<span class="ballot__possible">(posible)</span>'
            assert f"Diputación local, distrito {number} {possible}" in html
        assert html.count("Ayuntamiento de Ecatepec de Morelos</h2>") == 1
        # Its neighbour keeps its own district.
        html = self.get("/mi-boleta/1305/")
        assert "Todavía no sabemos" not in html and html.count("Diputación local, distrito") == 1

    def test_candidacies_block_says_when_they_are_published(self):
        calendar = ElectionCalendar.load()
        calendar.candidacies_public_from = timezone.now() + timedelta(days=10)
        calendar.save()
        html = self.get("/mi-boleta/1/")
        expected = timezone.localtime(calendar.candidacies_public_from).year
        assert html.count("Las candidaturas registradas se publican a partir del") == 2
        assert str(expected) in html

    def test_unknown_section_is_404_with_the_form(self):
        for url in ["/mi-boleta/9999/", "/mi-boleta/58/", "/mi-boleta/0/"]:
            with self.subTest(url):
                html = self.get(url, status=404)
                assert "no existe en el Estado de México" in html
                assert 'id="id_seccion"' in html and 'aria-invalid="true"' in html

    def test_letters_or_absurd_lengths_are_400_with_a_message(self):
        for url in [
            "/mi-boleta/?seccion=12a",
            "/mi-boleta/?seccion=",
            "/mi-boleta/abc/",
            "/mi-boleta/" + "9" * 40 + "/",
            "/mi-boleta/?seccion=" + "1" * 500,
        ]:
            with self.subTest(url):
                html = self.get(url, status=400)
                assert 'class="field-error"' in html
                assert 'aria-invalid="true"' in html
        html = self.get("/mi-boleta/?seccion=12a", status=400)
        assert "solo lleva dígitos" in html and 'value="12a"' in html

    # --- The municipality page's loops, rendered in Python ------------------

    def test_municipality_loops_rendered_in_python_are_the_template_loops(self):
        """electoral/geography/html.py gives, byte for byte, what the template
        loops it replaced gave, for every municipality (one district, several,
        sections without a district) and for none at all."""
        from django.template import engines

        from electoral.geography import html
        from electoral.geography.models import _section_runs

        engine = engines["django"]
        loops = {
            "district_links_html": engine.from_string(DISTRICTS_LOOP),
            "split_rows_html": engine.from_string(SPLIT_ROWS_LOOP),
            "section_lists_html": engine.from_string(SECTION_LISTS_LOOP),
        }
        kinds = set()
        for page in MunicipalityPage.objects.all():
            context = page._municipality_rows()
            kinds.add((context["split"], bool(context["unknown_district_count"])))
            # (the list of all sections, shown when they are not listed by district)
            context["section_runs"] = _section_runs(
                Section.objects.filter(municipality=page).values_list("number", flat=True)
            )
            for key, template in loops.items():
                assert context[key] == template.render(context), (page.slug, key)
        assert kinds >= {(False, False), (True, False)}, kinds
        empty = {"districts": [], "section_groups": [], "section_runs": []}
        assert html.district_links([]) == loops["district_links_html"].render(empty)
        assert html.section_lists([], []) == loops["section_lists_html"].render(empty)
        assert html.split_rows([{"district": None, "count": 1234, "runs": []}]) == loops[
            "split_rows_html"
        ].render({"section_groups": [{"district": None, "count": 1234}]})


# The loops of templates/electoral/municipality_page.html before issue 19.
DISTRICTS_LOOP = (
    '{% for d in districts %}<a href="{{ d.link }}">{{ d.number }}</a>{% if districts|length == 1'
    " and d.head_town_text %} — cabecera: {{ d.head_town_text }}{% endif %}{% if not"
    " forloop.last %}, {% endif %}{% empty %}sin datos{% endfor %}"
)
SPLIT_ROWS_LOOP = """{% load humanize %}{% for group in section_groups %}
                                <tr>
                                    {% if group.district %}
                                        <th scope="row"><a href="{{ group.district.link }}">Distrito {{ group.district.number }}</a></th>
                                        <td>{{ group.district.head_town_text|default:"—" }}</td>
                                    {% else %}
                                        <th scope="row">Sin distrito en el catálogo</th>
                                        <td>—</td>
                                    {% endif %}
                                    <td class="num">{{ group.count|intcomma }}</td>
                                </tr>
                            {% endfor %}"""  # noqa: E501
SECTION_LISTS_LOOP = """{% load humanize %}{% if section_groups %}
            {% for group in section_groups %}
                <h3>{% if group.district %}En el <a href="{{ group.district.link }}">distrito local {{ group.district.number }}</a>{% else %}Sin distrito en el catálogo{% endif %} <span class="meta">({{ group.count|intcomma }} secci{{ group.count|pluralize:"ón,ones" }})</span></h3>
                {% include "electoral/includes/sections_list.html" with runs=group.runs %}
            {% endfor %}
        {% else %}
            {% include "electoral/includes/sections_list.html" with runs=section_runs %}
        {% endif %}"""  # noqa: E501
