"""Issue 13, hole 5: /participa/estado/?pagina=² with a participant cookie was a 500
(``str.isdigit`` accepts the superscript two, ``int`` does not)."""

import pytest

from participation import identity


@pytest.mark.parametrize(
    "value", ["²", "١٢", "１２", "2²", "-1", " 1", "99999999999999999999", "", "abc"]
)
def test_state_with_a_cookie_and_a_non_ascii_or_odd_page_id(client, feedback_page, value):
    first = client.get("/participa/estado/")  # mints the participant cookie
    assert identity.COOKIE_NAME in first.cookies
    response = client.get("/participa/estado/", {"pagina": value})
    assert response.status_code == 200, value
    assert response.json()["reactions"] == {}


def test_state_with_a_cookie_and_a_real_page_id(client, feedback_page):
    client.get("/participa/estado/")
    response = client.get("/participa/estado/", {"pagina": str(feedback_page.pk)})
    assert response.status_code == 200 and response.json()["reactions"] == {}
