"""The main navigation: one entry per public section (DESIGN.md section 7)."""

MAIN_NAVIGATION = [
    ("/mi-boleta/", "Mi boleta"),
    ("/quitadudas/", "Quitadudas electoral"),
    ("/organos/", "Qué se elige"),
    ("/geografia/", "Geografía electoral"),
    ("/partidos/", "Partidos y plataformas"),
    ("/candidaturas/", "Candidaturas"),
    ("/resultados/", "Resultados"),
    ("/estadisticas/", "Estadísticas"),
    ("/datos/", "Datos abiertos"),
]

FOOTER_NAVIGATION = [
    ("/aviso-de-privacidad/", "Aviso de privacidad"),
    ("/datos/", "Datos abiertos"),
    ("/admin/", "Acceso para personal del IEEM y partidos"),
]

HOME_ENTRY_POINTS = [
    {
        "url": "/quitadudas/",
        "label": "Quitadudas electoral",
        "text": "Las palabras de la elección explicadas en lenguaje sencillo, de la A a la Z.",
    },
    {
        "url": "/organos/",
        "label": "Qué se elige",
        "text": "Qué hacen la Legislatura y los ayuntamientos, y cada cargo de tu boleta.",
    },
    {
        "url": "/geografia/",
        "label": "Geografía electoral",
        "text": "Los 45 distritos locales, los 125 municipios y sus secciones, con mapas.",
    },
    {
        "url": "/partidos/",
        "label": "Partidos y plataformas",
        "text": "Lo que propone cada partido, coalición y candidatura independiente, por tema.",
    },
    {
        "url": "/candidaturas/",
        "label": "Candidaturas",
        "text": "La lista completa de personas postuladas, con filtros y descarga.",
    },
    {
        "url": "/resultados/",
        "label": "Resultados",
        "text": "Los resultados oficiales por distrito y por municipio.",
    },
]
