"""The public sections of the electoral app, registered in home's navigation
(menus, home page entry points, 404 suggestions and the page types allowed
under the home page) from ElectoralConfig.ready()."""

from home.navigation import register_section


def register_sections():
    register_section(
        "/mi-boleta/",
        "Mi boleta",
        order=10,
        not_found="Buscar mis boletas con mi número de sección",
    )
    register_section(
        "/quitadudas/",
        "Quitadudas electoral",
        order=20,
        entry_point="Las palabras de la elección explicadas en lenguaje sencillo, de la A a la Z.",
        not_found="Consultar el Quitadudas electoral",
        page_type="electoral.GlossaryIndexPage",
    )
    register_section(
        "/geografia/",
        "Geografía electoral",
        order=40,
        entry_point="Los 45 distritos locales, los 125 municipios y sus secciones, con mapas.",
        page_type="electoral.GeographyIndexPage",
    )
    register_section(
        "/partidos/",
        "Partidos y plataformas",
        order=50,
        entry_point="Lo que propone cada partido, coalición y candidatura independiente, por tema.",
        page_type="electoral.PartiesIndexPage",
    )
    register_section(
        "/candidaturas/",
        "Candidaturas",
        order=60,
        entry_point="La lista completa de personas postuladas, con filtros y descarga.",
    )
    # /resultados/ exists all the time (its 2018 history may show at any moment), but
    # it enters the menus when the official results of the process are public.
    register_section(
        "/resultados/",
        "Resultados",
        order=70,
        entry_point="Los resultados oficiales por distrito y por municipio.",
        calendar_gate="results",
    )
