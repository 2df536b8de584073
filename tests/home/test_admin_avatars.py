"""No third-party requests, in the admin either: avatars never come from
gravatar.com (found by the browser journeys, which block other hosts)."""

from django.contrib.auth import get_user_model
from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
from wagtail.users.utils import get_gravatar_url


def test_admin_avatars_are_served_by_the_site(db):
    user = get_user_model().objects.create_user(
        "moderadora", email="moderadora@example.org", password="clave-de-prueba-123"
    )
    assert get_gravatar_url(user.email) is None
    url = avatar_url(user)
    assert url.startswith("/static/") and "gravatar" not in url
