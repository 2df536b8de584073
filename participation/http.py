"""What the reaction and idea endpoints share: the message page, the anchor of
a target's controls, and handing out the participant cookie."""

from django.shortcuts import render

from . import identity, ratelimit


def message_page(request, message, status, back_url="", title="Participación ciudadana"):
    response = render(
        request,
        "participation/message.html",
        {"message": message, "back_url": back_url, "meta_title": title},
        status=status,
    )
    return response


def anchor(block_id):
    return f"participa-{block_id or 'pagina'}"


def issue_token(request, response):
    """Give the visitor a participant cookie, unless this address bucket asked for too
    many (per hour and per day: reactions/abuse.py)."""
    bucket = identity.address_hash(request)
    if ratelimit.hit_all([("cookie_address", bucket), ("cookie_address_day", bucket)]):
        return None
    token = identity.new_token()
    identity.set_cookie(response, token)
    return token
