"""setup_site step: the official results shipped in fixtures/ (idempotent)."""

from home.setup import setup_step

from .importers import import_default_results


@setup_step(order=500, label="Resultados oficiales: ayuntamientos 2021 y diputaciones 2018")
def import_results(*, stdout, **options):
    import_default_results(stdout=stdout)
