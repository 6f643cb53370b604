"""Real Django's CSRF code, driven by the interop test (src/csrf/django-interop.test.ts).

Imports django.middleware.csrf from the installed Django (Debian's python3-django)
and runs its functions and its CsrfViewMiddleware with CSRF_USE_SESSIONS=True.

Protocol: a JSON list of operations on stdin, a JSON list of results on stdout.
"""

import json
import sys

import django
from django.conf import settings

settings.configure(
    SECRET_KEY="django-insecure-csrf-interop-not-a-real-key",
    ALLOWED_HOSTS=["*"],
    CSRF_USE_SESSIONS=True,
    USE_TZ=True,
)
django.setup()

from django.http import HttpResponse  # noqa: E402
from django.middleware import csrf  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import override_settings  # noqa: E402


def middleware_verdict(op):
    """Runs CsrfViewMiddleware on a request; "pass" or Django's rejection reason."""
    factory = RequestFactory()
    headers = {}
    if op.get("token_header"):
        headers["HTTP_X_CSRFTOKEN"] = op["token_header"]
    if op.get("referer"):
        headers["HTTP_REFERER"] = op["referer"]
    if op.get("origin"):
        headers["HTTP_ORIGIN"] = op["origin"]
    data = {"csrfmiddlewaretoken": op["token_field"]} if op.get("token_field") else {}
    request = factory.post("/cart", data=data, secure=op.get("secure", False), HTTP_HOST=op.get("host", "testserver"), **headers)
    request.session = {} if op.get("session") is None else {"_csrftoken": op["session"]}
    reasons = []

    def failure_view(request, reason=""):
        reasons.append(reason)
        return HttpResponse(status=403)

    with override_settings(CSRF_TRUSTED_ORIGINS=op.get("trusted", [])):
        middleware = csrf.CsrfViewMiddleware(lambda r: HttpResponse())
        original = csrf._get_failure_view
        csrf._get_failure_view = lambda: failure_view
        try:
            middleware.process_request(request)
            response = middleware.process_view(request, lambda r: HttpResponse(), (), {})
        finally:
            csrf._get_failure_view = original
    return {"verdict": "pass" if response is None else reasons[0]}


def run(op):
    kind = op["op"]
    if kind == "version":
        return {"version": list(django.VERSION[:3])}
    if kind == "mask":
        return {"token": csrf._mask_cipher_secret(op["secret"])}
    if kind == "unmask":
        return {"secret": csrf._unmask_cipher_token(op["token"])}
    if kind == "new_secret":
        return {"secret": csrf._get_new_csrf_string()}
    if kind == "compare":
        # Django 3.2's check: both sides sanitized (a 32-character value is masked first), then unmasked and compared.
        return {"match": csrf._compare_masked_tokens(csrf._sanitize_token(op["request_token"]), csrf._sanitize_token(op["secret"]))}
    if kind == "middleware":
        return middleware_verdict(op)
    raise ValueError(kind)


print(json.dumps([run(op) for op in json.load(sys.stdin)]))
