"""setup_site steps of the electoral app, in order (see home.setup).

Orders: geography 200-249, glossary and representation bodies 250-299,
parties/platforms/candidacies 300-399, party accounts and workflow 400-449.
"""

from electoral.geography.importing import import_geography
from electoral.geography.pages import ensure_geography_tree
from home.setup import setup_step

# --- Geography (200-249) ----------------------------------------------------


@setup_step(order=200, label="Geografía electoral: páginas")
def create_geography_pages(*, stdout, **options):
    tree = ensure_geography_tree()
    stdout.write(
        f"  {tree.index.url_path}, {tree.districts.url_path}, {tree.municipalities.url_path}"
    )


@setup_step(order=210, label="Geografía electoral: municipios, distritos, secciones y mapas")
def import_geography_data(*, stdout, **options):
    import_geography(stdout=stdout)


# --- Party accounts and IEEM moderation (400-449): electoral/editorial/setup.py
from electoral.editorial import setup as _editorial_setup  # noqa: E402, F401

# --- Glossary (250-259): electoral/glossary/setup.py
from electoral.glossary import setup as _glossary_setup  # noqa: E402, F401

# --- Parties, platforms and candidacies (300-399): electoral/parties/setup.py
from electoral.parties import setup as _parties_setup  # noqa: E402, F401

# --- Official results (500-549): electoral/results/setup.py
from electoral.results import setup as _results_setup  # noqa: E402, F401
