"""While a party editor still holds the one-time password, the admin's own
assets keep loading: every admin page fetches the icon sprite and inlines it,
so redirecting it to the account page inlined that page's HTML a second time
(found by the party-editor browser journey, tests/e2e/test_editorial.py)."""

from django.urls import reverse

from .test_accounts import read_rows, run


def test_sprite_and_translations_load_before_the_password_change(client, trees, tmp_path):
    run("--actor", "pan", "--per-actor", "1", "--output", str(tmp_path / "c.csv"))
    (row,) = read_rows(tmp_path / "c.csv")
    client.post(
        reverse("wagtailadmin_login"),
        {"username": "pan-1", "password": row["contrasena_temporal"]},
    )
    # Still forced to the account page for everything else.
    assert client.get(reverse("wagtailadmin_home")).url == reverse("wagtailadmin_account")

    sprite = client.get(reverse("wagtailadmin_sprite"))
    assert sprite.status_code == 200
    body = sprite.content.decode()
    assert "<svg" in body and "<symbol" in body
    assert "cambia la contraseña temporal" not in body and "<main" not in body

    translations = client.get(reverse("wagtailadmin_home") + "jsi18n/")
    assert translations.status_code == 200
    assert "gettext" in translations.content.decode()

    # The account page carries the notice once.
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert page.count("cambia la contraseña temporal") == 1
