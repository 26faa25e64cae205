"""The asset service: business rules, no HTTP and no company parameters
(the tenant-filtered manager confines every query)."""

from typing import Any, Optional

from django.db import transaction
from django.db.models import QuerySet

from assets.models import Asset, AssetStatusChange


class AssetService:
    def __init__(self, assets_repository=Asset.objects, history_repository=AssetStatusChange.objects):
        self.assets_repository = assets_repository
        self.history_repository = history_repository

    @transaction.atomic
    def update_asset_status(self, instance: Asset, new_status: int, reason: Optional[str] = None) -> Asset:
        """Moves instance to new_status and records the change. The row is
        re-read locked, so concurrent changes of one asset queue and each
        history entry starts where the previous one ended."""
        if new_status not in dict(Asset.Status.choices):
            raise ValueError(f"Invalid status: {new_status}")
        locked = self.assets_repository.select_for_update().get(pk=instance.pk)
        if locked.status == Asset.Status.DISPOSED and new_status > Asset.Status.DISPOSED:
            raise ValueError("Cannot reactivate disposed asset")
        if locked.status == new_status:
            return locked
        from_status = locked.status
        locked.status = new_status
        locked.version += 1
        locked.save()
        self.history_repository.create(
            asset=locked, from_status=from_status, to_status=new_status, reason=reason or "",
        )
        return locked

    @transaction.atomic
    def update(self, instance: Asset, validated_data: dict[str, Any]) -> Asset:
        cleaned_data = {
            field: value
            for field, value in validated_data.items()
            if getattr(instance, field, None) != value
        }
        for key, value in cleaned_data.items():
            setattr(instance, key, value)
        instance.version += 1
        instance.save()
        return instance

    def get_assets_by_status(self, status: int) -> QuerySet:
        return self.assets_repository.filter(status=status)
