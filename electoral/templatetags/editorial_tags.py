"""What IEEM's review says on a party's public page.

A template filter rather than a page property: editorial sits above parties
(it imports the actor pages), so the party pages cannot ask editorial for the
date; their templates can.
"""

from django import template

from electoral.editorial import review

register = template.Library()


@register.filter
def ieem_review_date(page):
    """Local date IEEM approved `page`'s live version, or None."""
    return review.ieem_review_date(page)
