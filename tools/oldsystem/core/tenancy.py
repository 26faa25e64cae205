"""The request's tenant and user, as the old middleware kept them: every
tenant-scoped manager filters by the company set here, and audit fields are
filled from the user set here."""

import contextvars

_company_id = contextvars.ContextVar("company_id", default=None)
_user_id = contextvars.ContextVar("user_id", default=None)


def current_company_id():
    return _company_id.get()


def set_company_id(company_id):
    return _company_id.set(company_id)


def reset_company_id(token):
    _company_id.reset(token)


def current_user_id():
    return _user_id.get()


def set_user_id(user_id):
    return _user_id.set(user_id)


def reset_user_id(token):
    _user_id.reset(token)
