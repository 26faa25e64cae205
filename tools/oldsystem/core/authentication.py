"""Authentication by Binora's access token: an HS256 JWT naming the user
(sub), the company (cid) and the login session (sid)."""

import jwt
from django.conf import settings
from rest_framework import authentication, exceptions

from core import tenancy
from core.models import Session, User


class BinoraJWTAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode().lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header.")
        claims = self.decode(header[1].decode())
        company_id = claims["cid"]
        if request.company is None:
            # No tenant named: the token's company is the tenant.
            tenancy.set_company_id(company_id)
        elif request.company.id != company_id:
            raise exceptions.AuthenticationFailed("Token of another tenant.")
        user = self.load_user(claims)
        tenancy.set_user_id(user.id)
        return user, claims

    def decode(self, raw):
        try:
            claims = jwt.decode(raw, settings.JWT_SECRET, algorithms=["HS256"],
                                options={"require": ["exp", "sub"]})
            claims["sub"] = int(claims["sub"])
        except (jwt.InvalidTokenError, KeyError, ValueError):
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not isinstance(claims.get("cid"), int) or not isinstance(claims.get("sid"), int):
            raise exceptions.AuthenticationFailed("Invalid token.")
        return claims

    def load_user(self, claims):
        """The session row, still open, and its active user, as a DB-backed
        session store and the user lookup would read them per request."""
        session = Session.objects.filter(id=claims["sid"], user_id=claims["sub"]).first()
        if session is None or not session.is_open:
            raise exceptions.AuthenticationFailed("Session ended.")
        user = User.objects.filter(id=claims["sub"], is_active=True).first()
        if user is None:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        return user

    def authenticate_header(self, request):
        return self.keyword
