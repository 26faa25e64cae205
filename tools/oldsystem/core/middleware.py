"""Tenant middleware: the company a request addresses, from its subdomain
(or the X-Tenant header that names one), for the managers to filter by."""

from django.conf import settings
from django.http import JsonResponse

from core import tenancy
from core.models import Company


def tenant_name(request):
    name = request.headers.get("X-Tenant", "").strip()
    if name:
        return name.lower()
    base = settings.BASE_DOMAIN
    if not base:
        return ""
    host = request.get_host().rsplit(":", 1)[0].lower()
    sub, dot, rest = host.partition(".")
    return sub if dot and rest == base else ""


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.company = None
        name = tenant_name(request)
        if name:
            request.company = Company.objects.filter(subdomain=name, is_active=True).first()
            if request.company is None:
                return JsonResponse({"detail": "Not found."}, status=404)
        company_token = tenancy.set_company_id(request.company.id if request.company else None)
        user_token = tenancy.set_user_id(None)
        try:
            return self.get_response(request)
        finally:
            tenancy.reset_user_id(user_token)
            tenancy.reset_company_id(company_token)
