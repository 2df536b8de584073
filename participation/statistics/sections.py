"""/estadisticas/ in home's navigation (menus, home page, footer), registered
from ParticipationConfig.ready(): listed from «Estadísticas públicas desde»."""

from home.navigation import register_section


def register_sections():
    register_section(
        "/estadisticas/",
        "Estadísticas",
        order=80,
        entry_point="Cuánto se consultó y se participó en Decide IEEM, en total y por día.",
        calendar_gate="statistics",
        footer=True,
    )
