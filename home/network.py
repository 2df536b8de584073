"""The client's network address, read one way everywhere (rate limits, axes).

`client_ip(request)` is the only place the project reads REMOTE_ADDR or
X-Forwarded-For. X-Forwarded-For is believed only when the connection itself
comes from a configured proxy (settings.TRUSTED_PROXIES: addresses or
networks, from the TRUSTED_PROXIES environment variable in production). A
client that reaches gunicorn directly may send any X-Forwarded-For it likes:
its own address (REMOTE_ADDR) is used.

Behind trusted proxies the header is read from the right: each trusted proxy
appends the address it received the connection from, so the first entry
that is not a trusted proxy is the client. Entries further left were written
by the client and are ignored, and so is the whole header when an entry a
trusted proxy should have written is not an address.

`address_bucket(ip)` is the unit the limits count: an IPv4 address, or the
/64 network of an IPv6 address (one subscriber usually holds a whole /64 and
can use any of its 2^64 addresses).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

UNKNOWN = "0.0.0.0"


def _parse(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.5:5678"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=8)
def _networks(proxies):
    networks = []
    for item in proxies:
        item = item.strip()
        if item:
            networks.append(ipaddress.ip_network(item, strict=False))
    return tuple(networks)


def trusted_networks():
    proxies = getattr(settings, "TRUSTED_PROXIES", ()) or ()
    if isinstance(proxies, str):
        proxies = proxies.split(",")
    return _networks(tuple(proxies))


def _is_trusted(address, networks):
    return any(address.version == net.version and address in net for net in networks)


def client_ip(request):
    """The client's address as text (UNKNOWN when there is none to read)."""
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return UNKNOWN
    networks = trusted_networks()
    if not networks or not _is_trusted(remote, networks):
        return str(remote)
    client = remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")[:64]):
        hop = _parse(entry)
        if hop is None:
            break  # not written by a trusted proxy: stop at the last trusted hop
        client = hop
        if not _is_trusted(hop, networks):
            break
    return str(client)


def address_bucket(ip):
    """What the limits count: the IPv4 address, or the IPv6 /64 network."""
    address = _parse(ip)
    if address is None:
        return UNKNOWN
    if address.version == 6:
        prefix = int(getattr(settings, "IPV6_BUCKET_PREFIX", 64))
        return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
    return str(address)


def client_bucket(request):
    return address_bucket(client_ip(request))
