"""Binora's tables as the old system's models. Binora owns and migrates
them, so Django never does (managed = False)."""

from django.db import models
from django.utils import timezone

from core import tenancy


class Company(models.Model):
    name = models.CharField(max_length=255)
    subdomain = models.CharField(max_length=255, unique=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        managed = False
        db_table = "companies"


class CurrentCompany(models.Expression):
    """The request's company, read when the SQL is compiled, not when the
    queryset is built: a queryset built once (a ViewSet's class attribute)
    still serves each request's tenant. With none resolved it is NULL,
    which no row's company equals."""

    def __init__(self):
        super().__init__(output_field=models.BigIntegerField())

    def as_sql(self, compiler, connection):
        return "%s", [tenancy.current_company_id()]


class TenantManager(models.Manager):
    """Confines every query to the request's company (the middleware sets
    it)."""

    def get_queryset(self):
        return super().get_queryset().filter(company_id=CurrentCompany())


class AuditModel(models.Model):
    """The company and the authors of a row, filled in on save from the
    request's tenant and user, so no view or service passes them."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, db_constraint=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.BigIntegerField(null=True)
    updated_by = models.BigIntegerField(null=True)

    objects = TenantManager()
    all_tenants = models.Manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        user_id = tenancy.current_user_id()
        if self._state.adding:
            if self.company_id is None:
                self.company_id = tenancy.current_company_id()
            self.created_by = user_id
        self.updated_by = user_id
        super().save(*args, **kwargs)


class User(AuditModel):
    email = models.CharField(max_length=255)
    first_name = models.CharField(max_length=255, default="")
    last_name = models.CharField(max_length=255, default="")
    is_active = models.BooleanField(default=True)
    is_admin = models.BooleanField(default=False)
    last_login_at = models.DateTimeField(null=True)

    # What DRF's permission classes ask of request.user.
    is_authenticated = True
    is_anonymous = False

    class Meta:
        managed = False
        db_table = "users"


class Session(AuditModel):
    """A login session, the row a DB-backed session store reads per request."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, db_constraint=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True)

    class Meta:
        managed = False
        db_table = "sessions"

    @property
    def is_open(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
