"""The asset and its status history, on Binora's tables."""

from django.db import models

from core.models import AuditModel


class Datacenter(AuditModel):
    name = models.CharField(max_length=255)
    code = models.CharField(max_length=255)

    class Meta:
        managed = False
        db_table = "datacenters"


class Asset(AuditModel):
    class Status(models.IntegerChoices):
        PRODUCTION = 100, "In production"
        STANDBY = 80, "Standby"
        SPARE = 70, "Spare"
        MAINTENANCE = 60, "Maintenance"
        REQUESTED = 50, "Requested"
        INSTALLATION = 40, "Installation"
        FAULTY = 35, "Faulty"
        REPAIR = 30, "Repair"
        DECOMMISSIONING = 15, "Decommissioning"
        RETIRED = 10, "Retired"
        DISPOSED = 0, "Disposed"

    class Type(models.TextChoices):
        SERVER = "SRV", "Server"
        STORAGE = "STO", "Storage"
        SWITCH = "SWT", "Switch"
        ROUTER = "RTR", "Router"
        FIREWALL = "FWL", "Firewall"
        PDU = "PDU", "PDU"
        UPS = "UPS", "UPS"
        PATCH_PANEL = "PPN", "Patch panel"
        CHASSIS = "CHS", "Chassis"
        OTHER = "OTH", "Other"

    code = models.CharField(max_length=32)
    name = models.CharField(max_length=100)
    asset_type = models.CharField(max_length=3, choices=Type.choices)
    status = models.IntegerField(choices=Status.choices, default=Status.REQUESTED)
    serial_number = models.CharField(max_length=150, blank=True, null=True)
    # DatacenterScopedModel and HierarchyModel of the original.
    datacenter = models.ForeignKey(Datacenter, on_delete=models.PROTECT, db_constraint=False)
    parent = models.ForeignKey("self", null=True, on_delete=models.SET_NULL, db_constraint=False)
    # Binora's optimistic-locking counter: kept moving on every write so
    # that Binora's own If-Match checks stay right on rows written here.
    version = models.BigIntegerField(default=1)

    def __str__(self):
        return f"|{self.code}| {self.name}"

    class Meta:
        managed = False
        db_table = "assets"
        ordering = ["code"]


class AssetStatusChange(AuditModel):
    """One status change of an asset, with its reason."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, db_constraint=False)
    from_status = models.IntegerField()
    to_status = models.IntegerField()
    reason = models.CharField(max_length=500, default="")

    class Meta:
        managed = False
        db_table = "asset_status_changes"
