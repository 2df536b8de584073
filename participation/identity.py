"""Who is participating, without accounts and without storing raw data.

Participant: a long random token (256 bits) that the server issues, signs and
keeps in a first-party cookie (HttpOnly, SameSite=Lax, Secure when the
session cookie is secure, i.e. in production). The database stores only
HMAC(PARTICIPANT_HASH_KEY, token): a leaked database cannot be matched to
browsers.
Tokens the server did not sign are ignored, so a client cannot invent new
identities without asking for them (and issuing them is rate limited per
address).

The cookie also carries (signed, in the clear) the moment it was issued, so
the reaction endpoint can tell a fresh participant id from one in use for a
while: like-stuffing mints a new id for every press (see reactions/abuse.py). Cookies
issued before this existed carry no time and count as not fresh.

Network address: read by home.network.client_ip (X-Forwarded-For only from
TRUSTED_PROXIES), reduced to its bucket (the IPv4 address, or the IPv6 /64)
and hashed with a random secret that changes every day (AddressSalt rows;
`purge_participation` drops old ones), so the hash works for per-address rate
limits and spam review but can never be turned back into an address or
linked across days. The admin lock-out (django-axes) stores the same kind of
hash, written as an IPv6 address of the private fd00::/8 range
(`login_address`), because its column only takes addresses. The day's secret
is combined with ADDRESS_HASH_KEY, which lives only in the environment: with the database
alone (today's secret included) the 2**32 IPv4 addresses cannot be tried.

Both keys are settings (PARTICIPATION_PARTICIPANT_KEY and
PARTICIPATION_ADDRESS_KEY), required from the environment in production
(cms/settings/production.py); dev and test derive them from SECRET_KEY.
"""

import ipaddress
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from home import network


class AddressSalt(models.Model):
    """The random secret network addresses are hashed with on one day."""

    day = models.DateField(primary_key=True)
    secret = models.CharField(max_length=64)

    class Meta:
        verbose_name = "Secreto diario de direcciones"
        verbose_name_plural = "Secretos diarios de direcciones"

    def __str__(self):
        return str(self.day)


COOKIE_NAME = "decide_participa"
COOKIE_MAX_AGE = 60 * 60 * 24 * 180  # one electoral process
_SIGNER_SALT = "participation.participant"
_HASH_SALT = "participation.participant-hash"

_salt_cache: dict = {}


def new_token():
    return secrets.token_urlsafe(32)


def cookie_value(token, issued_at=None):
    """The signed cookie: "<token>:<issued, base 62>:<signature>"."""
    issued = signing.b62_encode(int(issued_at if issued_at is not None else time.time()))
    return signing.Signer(salt=_SIGNER_SALT).sign(f"{token}:{issued}")


def cookie_from_request(request):
    """(token, issued_at as a Unix time or None for older cookies), or (None, None)."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw or len(raw) > 200:
        return None, None
    try:
        value = signing.Signer(salt=_SIGNER_SALT).unsign(raw)
    except signing.BadSignature:
        return None, None
    token, _, issued = value.partition(":")
    if len(token) < 40:
        return None, None
    try:
        issued_at = signing.b62_decode(issued) if issued else None
    except ValueError:
        issued_at = None
    return token, issued_at


def token_from_request(request):
    """The participant token carried by the request, or None."""
    return cookie_from_request(request)[0]


def fresh_seconds():
    return int(getattr(settings, "PARTICIPATION_FRESH_ID_SECONDS", 86400))


def is_fresh(issued_at, now=None):
    """Whether a participant id issued at `issued_at` is still new (see reactions/abuse.py)."""
    if issued_at is None:
        return False
    return (now or time.time()) - issued_at < fresh_seconds()


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
    """The client address (home.network.client_ip: the one helper that reads it)."""
    return network.client_ip(request)


def _daily_secret(day):
    secret = _salt_cache.get(day)
    if secret:
        return secret
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


def _bucket_hmac(request, now=None):
    day = timezone.localdate(now or timezone.now())
    secret = _daily_secret(day)
    return salted_hmac(
        "participation.address",
        network.client_bucket(request),
        secret=f"{_key('PARTICIPATION_ADDRESS_KEY')}:{secret}",
        algorithm="sha256",
    )


def address_hash(request, now=None):
    """The day's keyed hash of the client's address bucket (IPv4 address, IPv6 /64)."""
    return _bucket_hmac(request, now).hexdigest()


def login_address(request):
    """What django-axes stores as the "IP address" of a login attempt.

    Not the address: the day's keyed hash of its bucket, written as an
    address of the private fd00::/8 range (axes' column is an address field,
    inet on PostgreSQL). One address (or one IPv6 /64) gives one pseudonym
    for the day, so lock-outs work; once the day's secret is purged it can
    never be turned back into the address. Lock-outs last 30 minutes; one that
    spans local midnight restarts its count under the new day's pseudonym.
    """
    digest = _bucket_hmac(request).digest()[:15]
    return str(ipaddress.IPv6Address(b"\xfd" + digest))


def forget_salts_before(day):
    """Delete the secrets of days before `day`: their hashes become unlinkable."""
    _salt_cache.clear()
    return AddressSalt.objects.filter(day__lt=day).delete()[0]


def retention_cutoff_day(keep_days=2):
    return timezone.localdate() - timedelta(days=keep_days - 1)
