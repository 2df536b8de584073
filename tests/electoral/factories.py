"""Test data for the electoral app, keyed on natural identifiers.

Geography: municipalities by INE/IEEM number (`municipality(60)`), districts by
number (`district(23)`), sections by number. Each function returns the
existing object when called again with the same key. Other areas append their
factories below their own heading.
"""

from django.utils.text import slugify

from electoral.geography.pages import ensure_geography_tree

# --- Geography ---------------------------------------------------------------


def geography_tree():
    """/geografia/ with its two containers (needs the home page: use the `site` fixture
    or `home.pagetree.ensure_home_page`)."""
    return ensure_geography_tree()


def district(number, **fields):
    from electoral.models import DistrictPage

    existing = DistrictPage.objects.filter(number=number).first()
    if existing:
        return existing
    page = DistrictPage(title=f"Distrito local {number}", slug=str(number), number=number, **fields)
    geography_tree().districts.add_child(instance=page)
    return page


def municipality(ine_code, name=None, *, inegi_code=None, districts=(), **fields):
    """A municipality by INE/IEEM number, linked to `districts` (numbers)."""
    from electoral.models import MunicipalityDistrict, MunicipalityPage

    existing = MunicipalityPage.objects.filter(ine_code=ine_code).first()
    if existing:
        return existing
    name = name or f"Municipio {ine_code}"
    page = MunicipalityPage(
        title=name,
        slug=slugify(name),
        name=name,
        ine_code=ine_code,
        inegi_code=inegi_code or f"15{ine_code:03d}",
        **fields,
    )
    geography_tree().municipalities.add_child(instance=page)
    for number in districts:
        MunicipalityDistrict.objects.create(municipality=page, district=district(number))
    return page


def section(number, municipality_ine, district_number=None):
    """A section of an existing municipality; district given or derived like the importer."""
    from electoral.models import Section

    mun = municipality(municipality_ine)
    if district_number is not None:
        dist = district(district_number)
    else:
        links = list(mun.district_links.all())
        dist = links[0].district if len(links) == 1 else None
    obj, _ = Section.objects.get_or_create(
        number=number, defaults={"municipality": mun, "district": dist}
    )
    return obj
