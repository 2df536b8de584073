"""Addresses of open data (/datos/) and the API (/api/v2/); included by cms/urls.py.

Every view goes through `open_endpoint` (rate limit, CORS, ETag/Last-Modified, 304).
"""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import views
from .api import PagesEndpoint, api
from .http import open_endpoint

router = WagtailAPIRouter("opendata_pages")
router.register_endpoint("pages", PagesEndpoint)

urlpatterns = decorate_urlpatterns(
    [
        path("datos/", views.index, name="opendata_index"),
        path("datos/api/", views.api_page, name="opendata_api"),
        path(f"datos/{views.ZIP_NAME}", views.all_zip, name="opendata_zip"),
        path("datos/<slug:slug>/", views.dataset_page, name="opendata_dataset"),
        path("datos/<slug:slug>.csv", views.dataset_csv, name="opendata_csv"),
        path("datos/<slug:slug>.json", views.dataset_json, name="opendata_json"),
        path("api/v2/", router.urls),
        path("api/v2/", api.urls),
    ],
    open_endpoint,
)
