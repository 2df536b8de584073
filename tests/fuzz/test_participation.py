"""Fuzzed requests to /participa/: never a 5xx, a rejected press or idea stores nothing.

Endpoints: the participant state JSON (`/participa/estado/?pagina=`, with no
cookie, a valid cookie or a forged one), the reaction POST (JSON with and
without a CSRF token, plain form with every Origin/Referer variant; every
field hostile, missing or repeated), the idea form (GET and POST, every
field) and its confirmation page.
"""

from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, urlencode, urlsplit

from django.test import Client
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st

from participation import identity
from participation.models import Idea, Reaction, Target

from .conftest import check_response, count_rows
from .strategies import MARKUP, budget, hostile_text, mostly, raw_query_values

COOKIE = identity.COOKIE_NAME


def valid_cookie():
    return identity.cookie_value(identity.new_token())


# Mostly a valid participant cookie; sometimes none, sometimes a forged one.
COOKIES = mostly(st.just("valid"), st.one_of(st.none(), hostile_text(max_size=300)))


def wsgi(value):
    """A header value as a WSGI server hands it over: the UTF-8 bytes read as Latin-1."""
    return value.encode("utf-8", "surrogatepass").decode("latin-1")


def cookie_header(choice):
    if choice is None:
        return {}
    value = valid_cookie() if choice == "valid" else choice
    return {"HTTP_COOKIE": wsgi(f"{COOKIE}={value}")}


@dataclass(frozen=True)
class SiteIds:
    """What the strategies need of the fuzz site: hashable, so each strategy is
    built once per site and shared by the examples (a strategy built anew at
    every data.draw() is validated anew: a fifth of the idea form's test)."""

    platform: int
    profile: int
    home: int
    topic_block: str
    proposal_block: str
    municipalities: tuple = ()

    @classmethod
    def of(cls, site, municipalities=()):
        return cls(
            site.platform.pk,
            site.profile.pk,
            site.home.pk,
            site.topic_block,
            site.proposal_block,
            tuple(municipalities),
        )


def page_ids(site):
    return _page_ids(SiteIds.of(site))


@cache
def _page_ids(ids):
    return st.one_of(
        st.sampled_from([str(ids.platform), str(ids.profile), str(ids.home)]),
        hostile_text(),
        st.integers().map(str),
    )


# --- /participa/estado/ -------------------------------------------------------


@cache
def _state_queries(ids):
    return st.lists(st.tuples(st.sampled_from(["pagina", "x"]), _page_ids(ids)), max_size=4)


@budget(150)
@given(data=st.data(), cookie=COOKIES)
@example(data=None, cookie="valid")  # hole 5: ?pagina=² with a participant cookie
def test_state_json(anonymous, fuzz_site, data, cookie):
    queries = _state_queries(SiteIds.of(fuzz_site))
    pagina = [("pagina", "²")] if data is None else data.draw(queries)
    response = anonymous.get("/participa/estado/?" + urlencode(pagina), **cookie_header(cookie))
    check_response(response)
    assert response.status_code == 200
    payload = response.json()
    assert set(payload) == {"open", "message", "csrfToken", "reactions"}
    assert payload["open"] is True and payload["message"].startswith("Puedes opinar")
    assert payload["reactions"] == {}  # this participant pressed nothing


@budget(60)
@given(raw=raw_query_values())
def test_state_json_invalid_utf8(anonymous, fuzz_site, raw):
    response = anonymous.get(
        "/participa/estado/", QUERY_STRING=f"pagina={raw}", HTTP_COOKIE=f"{COOKIE}={valid_cookie()}"
    )
    check_response(response)
    assert response.status_code == 200


# --- /participa/reaccion/ -----------------------------------------------------

ORIGINS = st.one_of(
    st.sampled_from(
        [
            {"HTTP_ORIGIN": "http://testserver"},
            {"HTTP_REFERER": "http://testserver/partidos/pan/plataforma/"},
            {"HTTP_ORIGIN": "http://evil.example"},
            {"HTTP_ORIGIN": "null"},
            {"HTTP_REFERER": "http://evil.example/"},
            {"HTTP_REFERER": "::::"},
            {},
        ]
    ),
    hostile_text(max_size=60).map(lambda v: {"HTTP_ORIGIN": wsgi(v)}),
    hostile_text(max_size=60).map(lambda v: {"HTTP_REFERER": wsgi(v)}),
)


def _reaction_fields(site):
    """Mostly a well-formed press (so presses are also stored), every field sometimes
    hostile, some fields sometimes missing."""
    return _reaction_fields_of(SiteIds.of(site))


@cache
def _reaction_fields_of(ids):
    blocks = ["", ids.topic_block, ids.proposal_block]
    fields = st.fixed_dictionaries(
        {
            "pagina": mostly(
                st.sampled_from([str(ids.platform), str(ids.profile)]), _page_ids(ids)
            ),
            "bloque": mostly(st.sampled_from(blocks), hostile_text()),
            "valor": mostly(st.sampled_from(["me_gusta", "no_me_gusta"]), hostile_text()),
            "actual": mostly(st.sampled_from(["", "me_gusta", "no_me_gusta"]), hostile_text()),
            "siguiente": mostly(
                st.just("/partidos/pan/plataforma/"),
                st.sampled_from(["//evil.example/", "http://evil.example/x"]) | hostile_text(),
                weight=1,
            ),
        }
    )
    missing = st.lists(st.sampled_from(["pagina", "bloque", "valor", "actual", "siguiente"]))
    return st.tuples(fields, missing).map(
        lambda pair: {k: v for k, v in pair[0].items() if k not in pair[1]}
    )


def _stored_outcome(response, as_json):
    """True when the endpoint says it stored or withdrew a reaction."""
    if as_json:
        return response.status_code == 200 and response.json()["ok"] is True
    if response.status_code != 302:
        return False
    code = parse_qs(urlsplit(response["Location"]).query).get("participa", [""])[0]
    return code.startswith("registrado-") or code == "retirado"


def _check_reaction(response, as_json, before):
    body = check_response(response)
    after = count_rows(Reaction)
    if not _stored_outcome(response, as_json):
        assert after == before, "a rejected press changed the reactions"
    else:
        assert abs(after[0] - before[0]) <= 1
    if as_json:
        payload = response.json()
        assert set(payload) == {"ok", "state", "message"} and payload["message"]
    elif response.status_code == 302:
        location = urlsplit(response["Location"])
        assert location.scheme == "" and location.netloc == "", response["Location"]
        assert location.path.startswith("/") and not location.path.startswith("//")
    else:
        assert "participa-page__message" in body
    return body


@budget(200)
@given(data=st.data(), cookie=COOKIES, origin=ORIGINS)
def test_reaction_plain_form(anonymous, fuzz_site, data, cookie, origin):
    fields = data.draw(_reaction_fields(fuzz_site))
    fields.pop("actual", None)
    before = count_rows(Reaction)
    response = anonymous.post("/participa/reaccion/", fields, **cookie_header(cookie), **origin)
    _check_reaction(response, False, before)


@budget(200)
@given(data=st.data(), cookie=COOKIES)
@example(data=None, cookie="valid")
def test_reaction_json(anonymous, fuzz_site, data, cookie):
    if data is None:
        fields = {"pagina": "²", "bloque": "", "valor": "me_gusta", "actual": "²"}
    else:
        fields = data.draw(_reaction_fields(fuzz_site))
    before = count_rows(Reaction)
    response = anonymous.post(
        "/participa/reaccion/",
        fields,
        HTTP_X_CSRFTOKEN="x",
        HTTP_ACCEPT="application/json",
        **cookie_header(cookie),
    )
    _check_reaction(response, True, before)


@budget(80)
@given(token=st.one_of(st.just("from-state"), hostile_text(max_size=80)), valor=hostile_text())
@example(token="from-state", valor="me_gusta")
def test_reaction_json_with_csrf_enforced(fuzz_site, token, valor):
    """A browser that enforces CSRF: a forged or missing token is refused, stores nothing."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    state = client.get(f"/participa/estado/?pagina={fuzz_site.platform.pk}").json()
    header = state["csrfToken"] if token == "from-state" else token
    before = count_rows(Reaction)
    response = client.post(
        "/participa/reaccion/",
        {"pagina": fuzz_site.platform.pk, "bloque": fuzz_site.topic_block, "valor": valor},
        HTTP_X_CSRFTOKEN=wsgi(header),
        HTTP_ACCEPT="application/json",
    )
    _check_reaction(response, True, before)
    if token != "from-state":
        assert response.status_code == 403


@budget(50)
@given(
    params=st.lists(
        st.tuples(st.sampled_from(["pagina", "bloque", "valor"]), hostile_text()), max_size=8
    )
)
def test_reaction_repeated_fields(anonymous, fuzz_site, params):
    before = count_rows(Reaction)
    response = anonymous.post(
        "/participa/reaccion/",
        urlencode(params),
        content_type="application/x-www-form-urlencoded",
        HTTP_ORIGIN="http://testserver",
        HTTP_COOKIE=f"{COOKIE}={valid_cookie()}",
    )
    _check_reaction(response, False, before)


@budget(30)
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        [
            "application/json",
            "multipart/form-data; boundary=x",
            "text/plain",
            "application/x-www-form-urlencoded",
        ]
    ),
)
def test_reaction_garbage_body(anonymous, fuzz_site, body, content_type):
    before = count_rows(Reaction)
    response = anonymous.post(
        "/participa/reaccion/",
        body,
        content_type=content_type,
        HTTP_ORIGIN="http://testserver",
        HTTP_COOKIE=f"{COOKIE}={valid_cookie()}",
    )
    check_response(response)
    assert count_rows(Reaction) == before


# --- /participa/idea/ ---------------------------------------------------------


def started(seconds_ago=30):
    import time

    from django.core import signing

    return signing.dumps(time.time() - seconds_ago, salt="participation.idea-started")


def _idea_fields(site, municipality_pks):
    return _idea_fields_of(SiteIds.of(site, municipality_pks))


@cache
def _idea_fields_of(ids):
    municipality_pks = list(ids.municipalities)
    text = st.one_of(
        hostile_text(max_size=2100),
        st.text(min_size=10, max_size=300),
        st.sampled_from(
            [
                "Propongo más alumbrado público en las colonias del oriente.",
                MARKUP + " y más seguridad en mi colonia",
                "Visiten http://a.example http://b.example http://c.example",
                "x" * 2001,
            ]
        ),
    )
    fields = st.fixed_dictionaries(
        {
            "pagina": mostly(st.just(str(ids.platform)), _page_ids(ids), weight=6),
            "bloque": mostly(st.sampled_from(["", ids.topic_block]), hostile_text(), weight=6),
            "texto": mostly(st.text(min_size=10, max_size=300), text, weight=1),
            "nombre": mostly(st.sampled_from(["", "Ana", "José Ñúñez"]), hostile_text(), weight=1),
            "municipio": mostly(st.sampled_from(["", *municipality_pks]), hostile_text()),
            "correo": mostly(
                st.sampled_from(["", "ana@example.org"]) | st.emails().map(str),
                st.just("a@" + "b" * 300 + ".mx") | hostile_text(),
                weight=1,
            ),
            "acepto": mostly(st.just("on"), st.sampled_from(["", "false", "0"]) | hostile_text()),
            "sitio_web": mostly(st.just(""), hostile_text()),
            "inicio": mostly(st.just("fresh"), st.just("too-fast") | hostile_text()),
        }
    )
    names = ["pagina", "bloque", "texto", "nombre", "municipio", "correo", "acepto", "sitio_web"]
    missing = st.lists(st.sampled_from(names + ["inicio"]), max_size=3)
    return st.tuples(fields, missing).map(
        lambda pair: {k: v for k, v in pair[0].items() if k not in pair[1]}
    )


IDEA_REJECTED = ("No pudimos recibir tu idea", "Revisa lo siguiente")


def _post_idea(client, fields, cookie):
    fields = dict(fields)
    if fields.get("inicio") == "fresh":
        fields["inicio"] = started()
    elif fields.get("inicio") == "too-fast":
        fields["inicio"] = started(seconds_ago=-60)
    return client.post("/participa/idea/", fields, **cookie_header(cookie))


def _check_idea(response, fields, before):
    body = check_response(response)
    after = count_rows(Idea, Target)
    if response.status_code == 302:
        assert after[0] == before[0] + 1
        assert response["Location"].startswith("/participa/idea/recibida/?")
        idea = Idea.objects.order_by("-pk").first()
        assert idea.text == fields["texto"]
        return
    assert after[0] == before[0], "a rejected idea was stored"
    if response.status_code == 404:
        assert "Página no encontrada" in body or "no existe" in body, body[:500]
        return
    assert response.status_code in (400, 429), response.status_code
    assert any(message in body for message in IDEA_REJECTED), body[:3000]
    # What was typed is in the form again, escaped.
    texto = fields.get("texto")
    if texto:
        assert f"data-counter>{escape(texto)}</textarea>" in body, "the text was not kept"
    nombre = fields.get("nombre")
    if nombre:
        assert f'value="{escape(nombre)}"' in body, "the name was not kept"
    correo = fields.get("correo")
    if correo and correo.strip():
        assert escape(correo.strip()) in body, "the e-mail was not kept"


@budget(200)
@given(data=st.data(), cookie=st.one_of(st.just("valid"), COOKIES))
@example(data=None, cookie="valid")
@example(data="municipio=9223372036854775808", cookie="valid")  # was a 500 (OverflowError)
@example(data="municipio=²", cookie="valid")
@example(data="municipio=-1", cookie="valid")
def test_idea_post(anonymous, fuzz_site, data, cookie):
    municipality_pks = [str(fuzz_site.toluca.pk), str(fuzz_site.metepec.pk)]
    if data is None or isinstance(data, str):
        fields = {
            "pagina": str(fuzz_site.platform.pk),
            "bloque": fuzz_site.topic_block,
            "texto": MARKUP + " en mi colonia, por favor.",
            "nombre": MARKUP,
            "correo": "no es un correo",
            "acepto": "on",
            "inicio": "fresh",
        }
        if data:
            name, value = data.split("=", 1)
            fields.update({name: value, "correo": "", "texto": "Más alumbrado en mi colonia."})
    else:
        fields = data.draw(_idea_fields(fuzz_site, municipality_pks))
    before = count_rows(Idea, Target)
    response = _post_idea(anonymous, fields, cookie)
    _check_idea(response, fields, before)


@budget(100)
@given(
    params=st.lists(
        st.tuples(st.sampled_from(["pagina", "bloque", "x"]), hostile_text()), max_size=5
    ),
    path=st.sampled_from(["/participa/idea/", "/participa/idea/recibida/"]),
)
@example(params=[("pagina", "²"), ("bloque", "")], path="/participa/idea/")
@example(params=[("pagina", "9" * 30), ("bloque", "")], path="/participa/idea/recibida/")
def test_idea_pages_get(anonymous, fuzz_site, params, path):
    response = anonymous.get(path + "?" + urlencode(params))
    body = check_response(response)
    assert response.status_code in (200, 404)
    if response.status_code == 404:
        assert "no existe" in body or "Página no encontrada" in body


HOSTILE_EXTRAS = st.lists(st.tuples(hostile_text(max_size=10), hostile_text()), max_size=4)


@budget(40)
@given(data=st.data())
def test_idea_get_valid_target_with_hostile_extras(anonymous, fuzz_site, data):
    extra = data.draw(HOSTILE_EXTRAS)
    query = [("pagina", fuzz_site.platform.pk), ("bloque", fuzz_site.topic_block), *extra]
    response = anonymous.get("/participa/idea/?" + urlencode(query))
    check_response(response)


@budget(50)
@given(forwarded=hostile_text(max_size=200), remote=hostile_text(max_size=60))
@example(forwarded="", remote="")
@example(forwarded="1.2.3.4, , ,", remote="::1")
def test_hostile_forwarded_for_behind_a_proxy(fuzz_site, settings, forwarded, remote):
    """Behind trusted proxies the address comes from X-Forwarded-For: any text is only hashed."""
    settings.TRUSTED_PROXIES = ["0.0.0.0/0", "::/0"]
    client = Client(raise_request_exception=False)
    response = client.get(
        f"/participa/estado/?pagina={fuzz_site.platform.pk}",
        HTTP_X_FORWARDED_FOR=wsgi(forwarded),
        REMOTE_ADDR=wsgi(remote),
    )
    check_response(response)
    assert response.status_code == 200
