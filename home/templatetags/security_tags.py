"""`{% script_nonce_attr %}`: the request's CSP nonce, also where no request context exists.

Wagtail renders panels and form widgets with their own small contexts, without
`csp_nonce`; home.security keeps the nonce of the request being answered.
"""

from django import template

from home.security import nonce_attr

register = template.Library()


@register.simple_tag
def script_nonce_attr():
    return nonce_attr()
