"""setup_site steps for parties, platforms and candidacies (orders 300-399).

Imported from electoral/setup_steps.py. Each step is idempotent.
"""

from electoral.geography.models import MunicipalityPage
from electoral.parties.candidacies import Candidacy
from home.pagetree import home_page
from home.setup import setup_step

from .example_content import (
    ensure_example_platforms,
    ensure_example_profiles,
    ensure_profile_indexes,
    ensure_topics,
)
from .importers import CANDIDATES_FILE, ensure_parties_index, import_actors


@setup_step(order=300, label="Partidos, coaliciones y candidaturas independientes 2021")
def import_political_actors(*, stdout, **options):
    index = ensure_parties_index(home_page())

    report = import_actors(index)
    folders = ensure_profile_indexes()
    stdout.write(f"  {index.url_path}: {report.summary()}; {folders} carpetas de perfiles nuevas")
    for note in report.notes:
        stdout.write(f"  aviso: {note}")


@setup_step(order=310, label="Temas de las plataformas")
def create_topics(*, stdout, **options):
    created = ensure_topics()
    stdout.write(f"  temas: {created} nuevos")


@setup_step(order=320, label="Candidaturas 2021 (ayuntamientos)")
def import_candidacies(*, stdout, **options):
    if not MunicipalityPage.objects.exists():
        stdout.write("  sin municipios importados: se omiten las candidaturas")
        return
    report = Candidacy.objects.import_csv(CANDIDATES_FILE, source=SOURCE_LABEL)
    stdout.write(f"  {CANDIDATES_FILE.name}: {report.summary()}")


SOURCE_LABEL = "IEEM 2021, presidencias municipales (emagar/elecRetrns)"


@setup_step(order=330, label="Plataformas y perfiles de ejemplo")
def create_example_content(*, stdout, **options):
    platforms = ensure_example_platforms()
    profiles = ensure_example_profiles()
    stdout.write(
        f"  plataformas de ejemplo: {platforms} nuevas; perfiles de ejemplo: {profiles} nuevos"
    )
