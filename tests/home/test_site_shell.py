import re

import pytest

from home.models import StandardPage
from home.navigation import MAIN_NAVIGATION
from home.pagetree import home_page
from tests.helpers.html import foreign_references, meta_of


@pytest.mark.django_db
def test_home_page_in_spanish_with_navigation_and_lookup(client, home_site):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es-MX">' in html
    assert 'href="#contenido"' in html and 'id="contenido"' in html  # skip link target
    for url, label in MAIN_NAVIGATION:
        if url in ("/mi-boleta/", "/candidaturas/"):  # routes, not pages: always there
            assert f'href="{url}"' in html and label in html
    assert "Número de sección (viene en tu credencial para votar)" in html
    assert 'action="/mi-boleta/"' in html
    assert 'href="/aviso-de-privacidad/"' in html


@pytest.mark.django_db
def test_meta_tags_for_link_previews(client, home_site):
    title, meta = meta_of(client.get("/aviso-de-privacidad/").content.decode())
    assert title == "Aviso de privacidad · Decide IEEM"
    assert meta["og:title"] == "Aviso de privacidad"
    assert meta["description"].startswith("Cómo trata el Instituto Electoral")
    assert meta["og:description"] == meta["description"]
    assert meta["twitter:card"] == "summary"
    assert meta["og:url"] == "http://testserver/aviso-de-privacidad/"


@pytest.mark.django_db
def test_home_requests_nothing_from_other_hosts(client, home_site):
    html = client.get("/").content.decode()
    assert foreign_references(html) == []
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts


def test_foreign_reference_detector_can_fail():
    assert foreign_references('<link href="https://fonts.googleapis.com/x">')
    assert foreign_references('<script src="//cdn.example.com/a.js"></script>')
    assert not foreign_references('<a href="/quitadudas/">x</a>')


@pytest.mark.django_db
def test_custom_404_in_spanish(client, home_site):
    response = client.get("/no-existe-esta-pagina/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "No encontramos esta página" in html
    assert '<html lang="es-MX">' in html


@pytest.mark.django_db
def test_500_page_in_spanish(rf):
    from home.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Algo salió mal de nuestro lado" in response.content.decode()


@pytest.mark.django_db
def test_robots_and_sitemap(client, home_site):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/aviso-de-privacidad/</loc>" in sitemap


@pytest.mark.django_db
def test_public_pages_cacheable_for_anonymous_only(client, home_site, django_user_model):
    response = client.get("/")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.content.decode()
    user = django_user_model.objects.create_user("ana", password="x-long-password-1")
    client.force_login(user)
    assert "private" in client.get("/")["Cache-Control"]


@pytest.mark.django_db
def test_admin_login_is_in_spanish(client, home_site):
    html = client.get("/admin/login/").content.decode()
    assert "Iniciar sesión" in html or "Inicia sesión" in html


def _menu(html):
    nav = html.split('aria-label="Secciones del sitio"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="([^"]+)"', nav)


@pytest.mark.django_db
def test_menu_links_only_sections_that_exist_and_follows_publishing(client, home_site):
    assert "/partidos/" in dict(MAIN_NAVIGATION)
    menu = _menu(client.get("/").content.decode())
    assert "/mi-boleta/" in menu and "/candidaturas/" in menu
    assert "/datos/" in menu  # a route of its own (opendata/)
    assert "/partidos/" not in menu  # a page not built: no dead link
    assert client.get("/partidos/").status_code == 404

    section = StandardPage(title="Partidos", slug="partidos", intro="Partidos y plataformas.")
    home_page().add_child(instance=section)
    section.save_revision().publish()
    html = client.get("/").content.decode()
    assert "/partidos/" in _menu(html)

    section.unpublish()
    assert "/partidos/" not in _menu(client.get("/").content.decode())


@pytest.mark.django_db
def test_results_enter_the_menus_and_the_home_on_the_calendar_results_date(client, home_site):
    from home.calendar import dates_for_phase
    from home.models import ElectionCalendar

    calendar = ElectionCalendar.load()
    calendar.apply(dates_for_phase("campaign"))
    calendar.save()
    html = client.get("/").content.decode()
    assert "/resultados/" not in _menu(html)
    assert 'href="/resultados/"' not in html.split('id="titulo-secciones"', 1)[1]
    calendar.apply(dates_for_phase("results"))
    calendar.save()
    html = client.get("/").content.decode()
    assert "/resultados/" in _menu(html)
    assert 'href="/resultados/"' in html.split('id="titulo-secciones"', 1)[1]  # home entry point


@pytest.mark.django_db
def test_menu_follows_a_section_moved_below_another(client, home_site):
    home = home_page()
    section = StandardPage(title="Partidos", slug="partidos", intro="Partidos y plataformas.")
    home.add_child(instance=section)
    section.save_revision().publish()
    other = StandardPage(title="Acerca", slug="acerca", intro="Acerca del sitio.")
    home.add_child(instance=other)
    assert "/partidos/" in _menu(client.get("/").content.decode())
    section.move(other, pos="last-child")
    assert "/partidos/" not in _menu(client.get("/").content.decode())


# base.html's loops before the menus were rendered in Python (issue 19).
_MENU_LOOPS = (
    "<ul>\n                        {% for item in main %}\n                            "
    '<li><a href="{{ item.0 }}"{% if item.2 %} aria-current="page"{% endif %}>'
    "{{ item.1 }}</a></li>\n                        {% endfor %}\n                    </ul>|"
    "<ul>\n                        {% for item in footer %}\n                            "
    '<li><a href="{{ item.0 }}">{{ item.1 }}</a></li>\n'
    "                        {% endfor %}\n                    </ul>"
)


def test_menus_rendered_in_python_are_the_template_loops_byte_for_byte():
    from django.template import engines

    from home import context_processors

    main = (("/geografia/", 'Geografía <b>&"', True), ("/a/?x=1&y=2", "Ñandú", False))
    footer = (("/datos/", "Datos & más", False),)
    loops = engines["django"].from_string(_MENU_LOOPS).render({"main": main, "footer": footer})
    ours = (
        "<ul>\n                        "
        + context_processors._menu(context_processors._MAIN_ITEM, main)
        + "\n                    </ul>|<ul>\n                        "
        + context_processors._menu(context_processors._FOOTER_ITEM, footer)
        + "\n                    </ul>"
    )
    assert ours == loops
    assert "&lt;b&gt;&amp;&quot;" in ours and ours.count('aria-current="page"') == 1


@pytest.mark.django_db
def test_menus_are_the_same_for_every_visitor_and_mark_the_current_section(
    client, home_site, django_user_model
):
    def menus(html):
        header = html.split('aria-label="Secciones del sitio"', 1)[1].split("</nav>", 1)[0]
        footer = html.split('aria-label="Pie de página"', 1)[1].split("</nav>", 1)[0]
        return header, footer

    anonymous = menus(client.get("/mi-boleta/").content.decode())
    assert anonymous[0].count('aria-current="page"') == 1
    assert '<a href="/mi-boleta/" aria-current="page">' in anonymous[0]
    assert 'aria-current="page"' not in menus(client.get("/").content.decode())[0]
    editor = django_user_model.objects.create_superuser("editora", "e@example.org", "x" * 16)
    client.force_login(editor)
    assert menus(client.get("/mi-boleta/").content.decode()) == anonymous
