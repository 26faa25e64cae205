from typing import Any

from rest_framework import filters, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from assets.models import Asset
from assets.serializers import AssetInputSerializer, AssetOutputSerializer, AssetStatusUpdateSerializer
from assets.services import AssetService


class AssetFilter(filters.BaseFilterBackend):
    """?status= and ?asset_type=, what django-filter's FilterSet on those
    fields did (Debian does not package django-filter)."""

    def filter_queryset(self, request, queryset, view):
        params = request.query_params
        if "status" in params:
            try:
                queryset = queryset.filter(status=int(params["status"]))
            except ValueError:
                raise serializers.ValidationError({"status": ["Enter a whole number."]})
        if "asset_type" in params:
            queryset = queryset.filter(asset_type=params["asset_type"])
        return queryset


class AssetViewSet(viewsets.ModelViewSet):
    """Tenant-agnostic: the manager filters by the request's company."""

    # The original also select_related its parent type and prefetched
    # attachments; Binora's tables have neither, so the datacenter (the
    # DatacenterScopedModel's foreign key) is what is joined.
    queryset = Asset.objects.select_related("datacenter").order_by("code")
    serializer_class = AssetOutputSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = [AssetFilter]
    # Reading and changing only: creating needs Binora's per-type code
    # counters and deleting its reference checks, which this reconstruction
    # does not reproduce, so neither may write to Binora's tables.
    http_method_names = ["get", "put", "patch", "head", "options"]
    service = AssetService()

    def get_serializer_class(self):
        return {
            "create": AssetInputSerializer,
            "update": AssetInputSerializer,
            "partial_update": AssetInputSerializer,
            "update_status": AssetStatusUpdateSerializer,
        }.get(self.action, AssetOutputSerializer)

    def update(self, request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        updated = self.service.update(instance=instance, validated_data=serializer.validated_data)
        return Response(AssetOutputSerializer(updated, context={"request": request}).data)

    @action(methods=["PATCH"], detail=True, url_path="update-status", permission_classes=[IsAuthenticated])
    def update_status(self, request, pk=None, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            updated = self.service.update_asset_status(
                instance=instance,
                new_status=serializer.validated_data["status"],
                reason=serializer.validated_data.get("reason"),
            )
        except ValueError as e:
            raise serializers.ValidationError({"status": [str(e)]})
        return Response(AssetOutputSerializer(updated, context={"request": request}).data)
