"""Real Django's session and CSRF middleware on a shared signed-cookie session.

Driven by src/django-csrf-interop.test.ts: Debian's python3-django with
SESSION_ENGINE = signed_cookies and CSRF_USE_SESSIONS = True, the configuration
in which a Django site and edge-session share one session cookie and one CSRF secret.

Protocol: a JSON list of operations on stdin, a JSON list of results on stdout.
"""

import json
import sys

import django
from django.conf import settings

# SECRET_KEY: the test gives edge-session the same value as its secret.
settings.configure(
    SECRET_KEY=sys.argv[1],
    ALLOWED_HOSTS=["*"],
    CSRF_USE_SESSIONS=True,
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    SESSION_SERIALIZER="django.contrib.sessions.serializers.JSONSerializer",
    USE_TZ=True,
)
django.setup()

from django.contrib.sessions.middleware import SessionMiddleware  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.middleware import csrf  # noqa: E402
from django.test import RequestFactory  # noqa: E402


def mint(op):
    """A Django view rendering a form (get_token) under both middlewares: the session cookie and the token."""
    request = RequestFactory().get("/form", HTTP_COOKIE=f"sessionid={op['cookie']}" if op.get("cookie") else "")
    box = {}

    def view(request):
        box["token"] = csrf.get_token(request)
        return HttpResponse("form")

    response = SessionMiddleware(csrf.CsrfViewMiddleware(view))(request)
    cookie = response.cookies.get("sessionid")
    return {"token": box["token"], "cookie": cookie.value if cookie else op.get("cookie")}


def verify(op):
    """A POST through both middlewares with the shared cookie: "pass" or Django's rejection reason."""
    extra = {"HTTP_COOKIE": f"sessionid={op['cookie']}"}
    if op.get("token_header"):
        extra["HTTP_X_CSRFTOKEN"] = op["token_header"]
    data = {"csrfmiddlewaretoken": op["token_field"]} if op.get("token_field") else {}
    request = RequestFactory().post("/submit", data=data, **extra)
    reasons = []

    def failure_view(request, reason=""):
        reasons.append(reason)
        return HttpResponse(status=403)

    def view(request):
        return HttpResponse("ok")

    # Calling a middleware runs process_request/process_response only; Django's handler
    # calls process_view, where CsrfViewMiddleware checks. So run the steps as the handler does.
    session_middleware = SessionMiddleware(view)
    csrf_middleware = csrf.CsrfViewMiddleware(view)
    original = csrf._get_failure_view
    csrf._get_failure_view = lambda: failure_view
    try:
        session_middleware.process_request(request)
        csrf_middleware.process_request(request)
        rejected = csrf_middleware.process_view(request, view, (), {})
    finally:
        csrf._get_failure_view = original
    return {"verdict": "pass" if rejected is None else reasons[0]}


def run(op):
    if op["op"] == "version":
        return {"version": list(django.VERSION[:3])}
    if op["op"] == "mint":
        return mint(op)
    if op["op"] == "verify":
        return verify(op)
    raise ValueError(op["op"])


print(json.dumps([run(op) for op in json.load(sys.stdin)]))
