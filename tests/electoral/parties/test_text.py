from electoral.parties.text import readable_name
from home.text import fold_all


def test_readable_name_changes_only_case_and_spaces():
    assert readable_name("MARIA DE LOS ANGELES NUÑEZ") == "Maria de los Angeles Nuñez"
    assert readable_name("YOLANDA  GARCIA ") == "Yolanda Garcia"
    assert readable_name("JOSE LUIS CASTILLO DE LA CRUZ") == "Jose Luis Castillo de la Cruz"
    assert readable_name("MA GUADALUPE") == "Ma Guadalupe"  # no letters added


def test_fold_is_accent_and_case_insensitive():
    assert fold_all("NÚÑEZ  Ávila") == fold_all("nunez avila") == "nunez avila"
