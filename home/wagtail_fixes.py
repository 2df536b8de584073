"""Small fixes of Wagtail 8.0 behaviour, applied once from HomeConfig.ready().

* The external-link chooser (``/admin/choose-external-link/``) answered 500 to
  a POST without its ``url`` field: ``URLOrAbsolutePathValidator.is_absolute_path``
  calls ``value.startswith`` on the ``None`` that Django hands a missing field.
  A missing or non-text value is simply "not an absolute path", so the form
  reports the required field like any other empty form.
"""

from wagtail.admin.forms.choosers import URLOrAbsolutePathValidator


def _is_absolute_path(value):
    return isinstance(value, str) and value.startswith("/")


def install():
    URLOrAbsolutePathValidator.is_absolute_path = staticmethod(_is_absolute_path)
