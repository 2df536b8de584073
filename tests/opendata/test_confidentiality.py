"""Nothing of participation per target leaves through open data or the API:
every dataset (CSV, JSON, the ZIP) and every API response is scanned for
participation fields, idea texts and the names of the targets in the tool's
statistics, with reactions and ideas stored on real targets."""

import io
import json
import re
import zipfile

import pytest

from electoral.parties.models import PoliticalActorPage
from opendata.datasets import DATASETS
from participation.models import Idea, Reaction, Target

pytestmark = pytest.mark.django_db

# Words of a field that would carry participation (in Spanish or English).
FORBIDDEN_FIELD = re.compile(
    r"reacci|reaction|me_?gusta|like|idea|participante|participant|feedback|retroaliment", re.I
)


def keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from keys(v)


def api_documents(client):
    """Every API response a client can get for the real site: (address, JSON)."""
    out = []

    def follow(url, params=None):
        r = client.get(url, params or {})
        assert r.status_code == 200, url
        body = r.json()
        out.append((url, body))
        while body.get("siguiente"):
            body = client.get(body["siguiente"]).json()
            out.append((url, body))

    follow("/api/v2/candidaturas/")
    follow("/api/v2/resultados/")
    for number in (1, 5200, 6544):
        out.append((f"secciones/{number}", client.get(f"/api/v2/secciones/{number}/").json()))
    for page_type in (
        "electoral.PlatformPage",
        "electoral.CandidateProfilePage",
        "electoral.PoliticalActorPage",
        "electoral.GlossaryEntryPage",
    ):
        offset = 0
        while True:
            body = client.get(
                "/api/v2/pages/", {"type": page_type, "fields": "*", "limit": 20, "offset": offset}
            ).json()
            out.append((page_type, body))
            for item in body["items"]:
                out.append(
                    (item["meta"]["detail_url"], client.get(item["meta"]["detail_url"]).json())
                )
            offset += 20
            if offset >= body["meta"]["total_count"]:
                break
    return out


def test_no_participation_per_target_in_open_data_or_the_api(client, results_phase, participation):
    assert Reaction.objects.count() > 0 and Idea.objects.count() == 6
    idea_texts = list(Idea.objects.values_list("text", flat=True))
    target_names = set(Target.objects.values_list("label", flat=True))
    target_names |= set(PoliticalActorPage.objects.values_list("title", flat=True))
    target_names |= set(PoliticalActorPage.objects.values_list("acronym", flat=True))

    texts = []
    for d in DATASETS:
        for c in d.columns:
            assert not FORBIDDEN_FIELD.search(c.name), (d.slug, c.name)
        doc = json.loads(client.get(f"/datos/{d.slug}.json").content)
        assert not [k for k in keys(doc["filas"]) if FORBIDDEN_FIELD.search(k)], d.slug
        texts.append(client.get(f"/datos/{d.slug}.csv").content.decode("utf-8-sig"))
        texts.append(json.dumps(doc, ensure_ascii=False))
    archive = zipfile.ZipFile(
        io.BytesIO(client.get("/datos/decide-ieem-datos-abiertos.zip").content)
    )
    texts += [archive.read(name).decode("utf-8") for name in archive.namelist()]

    documents = api_documents(client)
    assert len(documents) > 40
    for url, body in documents:
        bad = [k for k in keys(body) if FORBIDDEN_FIELD.search(k)]
        assert not bad, (url, bad)
        texts.append(json.dumps(body, ensure_ascii=False))

    everything = "\n".join(texts)
    for text in idea_texts:
        assert text not in everything
    assert "Idea de prueba" not in everything

    # The tool's statistics are in the open data (public in this phase), with
    # the ideas and reactions counted, but never keyed by a party or a target.
    stats = json.loads(client.get("/datos/estadisticas.json").content)["filas"]
    assert stats and any(r["valor"] for r in stats)
    labels = {r["clave"] for r in stats} | {r["etiqueta"] for r in stats}
    assert not labels & target_names
