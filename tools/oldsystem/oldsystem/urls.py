from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from assets.views import AssetViewSet

# Binora's paths have no trailing slash.
router = DefaultRouter(trailing_slash=False)
router.register("assets", AssetViewSet, basename="asset")


def readyz(request):
    """Ready once the database answers."""
    connection.ensure_connection()
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("readyz", readyz),
    path("api/", include(router.urls)),
]
