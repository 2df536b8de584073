"""Issue 13, hole 5: /participa/estado/?pagina=² with a participant cookie was a 500
(``str.isdigit`` accepts the superscript two, ``int`` does not)."""

import pytest

from participation import identity
from tests.participation.conftest import TOPIC, participant_client, press


@pytest.mark.parametrize(
    "value", ["²", "١٢", "１２", "2²", "-1", " 1", "99999999999999999999", "", "abc"]
)
def test_state_with_a_cookie_and_a_non_ascii_or_odd_page_id(client, feedback_page, value):
    first = client.get("/participa/estado/")  # mints the participant cookie
    assert identity.COOKIE_NAME in first.cookies
    response = client.get("/participa/estado/", {"pagina": value})
    assert response.status_code == 200, value
    assert response.json()["reactions"] == {}


def test_state_with_a_cookie_and_a_real_page_id_shows_the_participants_reaction(
    client, feedback_page
):
    token = participant_client(client, feedback_page)
    assert press(client, feedback_page, TOPIC, "me_gusta", token=token).status_code == 200
    response = client.get("/participa/estado/", {"pagina": str(feedback_page.pk)})
    assert response.status_code == 200
    assert response.json()["reactions"] == {TOPIC: "me_gusta"}
    # The same participant asking with the superscript id gets nothing, not a 500.
    assert client.get("/participa/estado/", {"pagina": "²"}).json()["reactions"] == {}
