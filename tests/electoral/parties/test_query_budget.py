"""Query budgets of the party pages and everything that lists candidacies, on
ten times the real data (issue 19): `setup_site`'s 29 actors of 2021 (parties,
coalitions, a candidatura común, independents), 14 platforms, ~1,900
candidacies and the profiles, then nine copies of each actor with its
platform, profile folder, profiles, candidacies, members and scope
(tests/tenfold.py). Each budget is a constant: the same count on the real data
and on ten times it (no query per actor, platform, candidacy or profile)."""

from django.test import TestCase

from electoral.models import CandidateProfilePage, PlatformPage, PoliticalActorPage
from tests.helpers.tenfold import query_counts, tenfold_parties

PROFILE = "/partidos/pvem/candidaturas/jose-luis-velasco-lino-toluca/"
BUDGETS = {
    "/partidos/": 10,
    "/partidos/?tema=seguridad": 10,
    "/partidos/pvem/": 14,
    "/partidos/coalicion-pan-pri-prd/": 14,
    "/partidos/independiente-guillermo-galeana-pena-metepec/": 14,
    "/partidos/pvem/plataforma/": 16,
    "/partidos/coalicion-pan-pri-prd/plataforma/": 16,
    "/partidos/pvem/candidaturas/": 14,
    PROFILE: 18,
    "/candidaturas/": 9,
    "/candidaturas/?municipio=toluca": 9,
    "/candidaturas/?partido=pan&cargo=regiduria": 9,
    "/candidaturas/?q=velasco": 9,
    "/candidaturas.csv?municipio=toluca": 6,
    "/mi-boleta/4895/": 12,
    "/geografia/municipios/toluca/": 13,
    # open data: the index (about four queries per dataset) and the API's candidacies
    "/datos/": 65,
    "/api/v2/candidaturas/": 10,
}
# Copies of the real pages (made by tests/tenfold.py): the same count as their original.
COPIES = {
    "/partidos/pvem-9/": "/partidos/pvem/",
    "/partidos/pvem-9/plataforma/": "/partidos/pvem/plataforma/",
    "/partidos/pvem-9/candidaturas/jose-luis-velasco-lino-toluca/": PROFILE,
}


class PartyPagesQueryBudget(TestCase):
    snapshot = "site"  # setup_site, built once: tests/helpers/snapshots.py

    def count(self, urls=BUDGETS):
        return query_counts(self.client, urls)

    def test_party_pages_keep_their_budget_on_ten_times_the_data(self):
        self.count()  # warm the per-process caches (site root, glossary terms)
        real = self.count()
        before, after = tenfold_parties()
        assert after == tuple(10 * n for n in before), (before, after)
        assert before[0] == 29 and before[1] == 14 and before[2] > 1800 and before[3] >= 3
        tenfold = self.count()
        for url, budget in BUDGETS.items():
            assert real[url] <= budget, (url, real[url])
            assert tenfold[url] == real[url], (url, real[url], tenfold[url])
        copies = self.count(COPIES)
        for url, original in COPIES.items():
            assert copies[url] == real[original], (url, copies[url], real[original])
        # the pages show the ten times larger data
        html = self.client.get("/partidos/").content.decode()
        for actor in PoliticalActorPage.objects.all():
            assert f'href="{actor.url}"' in html, actor.url
        copy = CandidateProfilePage.objects.get(
            url_path__endswith="/pvem-9/candidaturas/jose-luis-velasco-lino-toluca/"
        )
        original = CandidateProfilePage.objects.get(url_path__endswith=PROFILE[9:])
        assert copy.candidacy_id != original.candidacy_id
        assert copy.candidacy.actor_id == copy.actor.pk
        comparison = self.client.get("/partidos/?tema=seguridad").content.decode()
        for platform in PlatformPage.objects.live().filter(url_path__contains="-9/"):
            assert f'href="{platform.url}' in comparison, platform.url
