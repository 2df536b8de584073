"""Who is participating, without accounts and without storing raw data.

Participant: a long random token (256 bits) that the server issues, signs and
keeps in a first-party cookie (HttpOnly, SameSite=Lax, Secure when the
session cookie is secure, i.e. in production). The database stores only
HMAC(PARTICIPANT_HASH_KEY, token): a leaked database cannot be matched to
browsers.
Tokens the server did not sign are ignored, so a client cannot invent new
identities without asking for them (and issuing them is rate limited per
address).

Network address: hashed with a random secret that changes every day
(AddressSalt rows; `purge_participation` drops old ones), so the hash works
for per-address rate limits and spam review but can never be turned back into
an address or linked across days. The day's secret is combined with
ADDRESS_HASH_KEY, which lives only in the environment: with the database
alone (today's secret included) the 2**32 IPv4 addresses cannot be tried.

Both keys are settings (PARTICIPATION_PARTICIPANT_KEY and
PARTICIPATION_ADDRESS_KEY), required from the environment in production
(cms/settings/production.py); dev and test derive them from SECRET_KEY.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

COOKIE_NAME = "decide_participa"
COOKIE_MAX_AGE = 60 * 60 * 24 * 180  # one electoral process
_SIGNER_SALT = "participation.participant"
_HASH_SALT = "participation.participant-hash"

_salt_cache: dict = {}


def new_token():
    return secrets.token_urlsafe(32)


def cookie_value(token):
    return signing.Signer(salt=_SIGNER_SALT).sign(token)


def token_from_request(request):
    """The participant token carried by the request, or None."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw or len(raw) > 200:
        return None
    try:
        token = signing.Signer(salt=_SIGNER_SALT).unsign(raw)
    except signing.BadSignature:
        return None
    return token if len(token) >= 40 else None


def _key(name):
    return getattr(settings, name, "") or settings.SECRET_KEY


def participant_hash(token):
    return salted_hmac(
        _HASH_SALT, token, secret=_key("PARTICIPATION_PARTICIPANT_KEY"), algorithm="sha256"
    ).hexdigest()


def set_cookie(response, token):
    response.set_cookie(
        COOKIE_NAME,
        cookie_value(token),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
        path="/",
    )


def client_ip(request):
    """The client address; behind PROXY_COUNT trusted proxies, from X-Forwarded-For."""
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [p for p in forwarded if p]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


def _daily_secret(day):
    secret = _salt_cache.get(day)
    if secret:
        return secret
    from .models import AddressSalt

    row = AddressSalt.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = AddressSalt.objects.create(day=day, secret=secrets.token_hex(32))
        except IntegrityError:  # another process created it first
            row = AddressSalt.objects.get(day=day)
    if len(_salt_cache) > 4:
        _salt_cache.clear()
    _salt_cache[day] = row.secret
    return row.secret


def address_hash(request, now=None):
    day = timezone.localdate(now or timezone.now())
    secret = _daily_secret(day)
    return salted_hmac(
        "participation.address",
        client_ip(request),
        secret=f"{_key('PARTICIPATION_ADDRESS_KEY')}:{secret}",
        algorithm="sha256",
    ).hexdigest()


def forget_salts_before(day):
    """Delete the secrets of days before `day`: their hashes become unlinkable."""
    from .models import AddressSalt

    _salt_cache.clear()
    return AddressSalt.objects.filter(day__lt=day).delete()[0]


def retention_cutoff_day(keep_days=2):
    return timezone.localdate() - timedelta(days=keep_days - 1)
