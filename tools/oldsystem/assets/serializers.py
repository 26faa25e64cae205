from rest_framework import serializers

from assets.models import Asset


class AssetInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=True)
    asset_type = serializers.ChoiceField(choices=Asset.Type.choices, required=True)
    status = serializers.ChoiceField(choices=Asset.Status.choices, required=False, default=Asset.Status.REQUESTED)
    serial_number = serializers.CharField(max_length=150, required=False, allow_blank=True)


class AssetOutputSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    asset_type_display = serializers.CharField(source="get_asset_type_display", read_only=True)

    class Meta:
        model = Asset
        fields = [
            "id",
            "name",
            "asset_type",
            "asset_type_display",
            "status",
            "status_display",
            "serial_number",
            "code",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "code", "created_at", "updated_at"]


class AssetStatusUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Asset.Status.choices, required=True)
    reason = serializers.CharField(required=False, allow_blank=True)
