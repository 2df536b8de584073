"""The geography part of the page tree, built idempotently."""

from dataclasses import dataclass

from electoral.geography.models import DistrictIndexPage, GeographyIndexPage, MunicipalityIndexPage
from home.pagetree import ensure_child, home_page

GEOGRAPHY_INTRO = (
    "<p>El Estado de México elige a su Legislatura por <b>45 distritos locales</b> y a "
    "<b>125 ayuntamientos</b>, uno por municipio. Tu credencial para votar trae el número de "
    "tu <b>sección electoral</b>: con él sabes qué boletas te tocan.</p>"
)


@dataclass
class GeographyTree:
    index: object
    districts: object
    municipalities: object


def ensure_geography_tree():
    home = home_page()
    if home is None:
        raise RuntimeError("Falta la portada: ejecuta primero `manage.py setup_site`.")
    index, _ = ensure_child(
        home,
        GeographyIndexPage,
        "geografia",
        title="Geografía electoral",
        intro=GEOGRAPHY_INTRO,
        search_description=(
            "Mapas y listas de los 45 distritos locales y los 125 municipios del Estado de "
            "México, con sus secciones electorales."
        ),
    )
    districts, _ = ensure_child(index, DistrictIndexPage, "distritos", title="Distritos locales")
    municipalities, _ = ensure_child(index, MunicipalityIndexPage, "municipios", title="Municipios")
    return GeographyTree(index, districts, municipalities)
