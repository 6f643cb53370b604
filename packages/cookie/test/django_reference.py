"""Django's signing algorithm, restated with the Python standard library only.

Django itself cannot be installed on the test machine (no PyPI), so the
cross-check tests run this instead. It restates django.core.signing (Django
3.1+ defaults: sha256, ":" separator, JSONSerializer) and the parts of
django.contrib.sessions that touch the cookie, function by function, so any
drift from Django shows up as a difference in bytes.

Protocol: a JSON list of operations on stdin, a JSON list of results on stdout.
"""

import base64
import datetime
import hashlib
import hmac
import json
import sys
import zlib

BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class BadSignature(Exception):
    pass


def b62_encode(s):
    if s == 0:
        return "0"
    sign = "-" if s < 0 else ""
    s = abs(s)
    encoded = ""
    while s > 0:
        s, remainder = divmod(s, 62)
        encoded = BASE62_ALPHABET[remainder] + encoded
    return sign + encoded


def b62_decode(s):
    if s == "0":
        return 0
    sign = 1
    if s[0] == "-":
        s = s[1:]
        sign = -1
    decoded = 0
    for digit in s:
        decoded = decoded * 62 + BASE62_ALPHABET.index(digit)
    return sign * decoded


def b64_encode(s):
    return base64.urlsafe_b64encode(s).strip(b"=")


def b64_decode(s):
    pad = b"=" * (-len(s) % 4)
    return base64.urlsafe_b64decode(s + pad)


def salted_hmac(key_salt, value, secret):
    # django.utils.crypto.salted_hmac with algorithm="sha256"
    key = hashlib.sha256((key_salt + secret).encode()).digest()
    return hmac.new(key, msg=value.encode(), digestmod=hashlib.sha256)


def base64_hmac(salt, value, key):
    return b64_encode(salted_hmac(salt, value, key).digest()).decode()


class JSONSerializer:
    def dumps(self, obj):
        return json.dumps(obj, separators=(",", ":")).encode("latin-1")

    def loads(self, data):
        return json.loads(data.decode("latin-1"))


class Signer:
    def __init__(self, *, key, salt=None, fallback_keys=(), sep=":"):
        self.key = key
        self.fallback_keys = list(fallback_keys)
        self.sep = sep
        self.salt = salt or "django.core.signing.Signer"

    def signature(self, value, key=None):
        return base64_hmac(self.salt + "signer", value, key or self.key)

    def sign(self, value):
        return "%s%s%s" % (value, self.sep, self.signature(value))

    def unsign(self, signed_value):
        if self.sep not in signed_value:
            raise BadSignature("no separator")
        value, sig = signed_value.rsplit(self.sep, 1)
        for key in [self.key, *self.fallback_keys]:
            if hmac.compare_digest(sig.encode(), self.signature(value, key).encode()):
                return value
        raise BadSignature("signature mismatch")

    def sign_object(self, obj, compress=False):
        data = JSONSerializer().dumps(obj)
        is_compressed = False
        if compress:
            compressed = zlib.compress(data)
            if len(compressed) < (len(data) - 1):
                data = compressed
                is_compressed = True
        base64d = b64_encode(data).decode()
        if is_compressed:
            base64d = "." + base64d
        return self.sign(base64d)

    def unsign_object(self, signed_obj, **kwargs):
        base64d = self.unsign(signed_obj, **kwargs).encode()
        decompress = base64d[:1] == b"."
        if decompress:
            base64d = base64d[1:]
        data = b64_decode(base64d)
        if decompress:
            data = zlib.decompress(data)
        return JSONSerializer().loads(data)


class TimestampSigner(Signer):
    def __init__(self, *, now, **kwargs):
        super().__init__(**kwargs)
        self.now = now  # frozen time.time(), as Django's tests freeze it

    def timestamp(self):
        return b62_encode(int(self.now))

    def sign(self, value):
        return super().sign("%s%s%s" % (value, self.sep, self.timestamp()))

    def unsign(self, value):
        result = super().unsign(value)
        value, timestamp = result.rsplit(self.sep, 1)
        self.last_timestamp = b62_decode(timestamp)
        return value


def dumps(obj, *, key, salt, compress, now):
    return TimestampSigner(key=key, salt=salt, now=now).sign_object(obj, compress=compress)


def loads(s, *, key, fallback_keys, salt):
    signer = TimestampSigner(key=key, salt=salt, fallback_keys=fallback_keys, now=0)
    obj = signer.unsign_object(s)
    return obj, signer.last_timestamp


def run(op):
    kind = op["op"]
    if kind == "sign":
        return {"signed": Signer(key=op["secret"], salt=op.get("salt")).sign(op["value"])}
    if kind == "json":
        return {"json": JSONSerializer().dumps(json.loads(op["json"])).decode("latin-1")}
    if kind == "dumps":
        obj = json.loads(op["json"])
        return {"cookie": dumps(obj, key=op["secret"], salt=op["salt"], compress=op["compress"], now=op["time"])}
    if kind == "loads":
        secrets = op["secrets"]
        try:
            obj, timestamp = loads(op["cookie"], key=secrets[0], fallback_keys=secrets[1:], salt=op["salt"])
        except BadSignature:
            return {"error": "BadSignature"}
        return {"json": json.dumps(obj, separators=(",", ":")), "timestamp": timestamp}
    if kind == "fromisoformat":
        # What SessionBase.get_expiry_age does with a stored datetime string.
        instant = datetime.datetime.fromisoformat(op["value"])
        return {"ms": round(instant.timestamp() * 1000)}
    if kind == "zlib":
        return {"zlib": base64.b64encode(zlib.compress(base64.b64decode(op["data"]))).decode()}
    if kind == "unzlib":
        return {"data": base64.b64encode(zlib.decompress(base64.b64decode(op["data"]))).decode()}
    raise ValueError("unknown op %r" % kind)


if __name__ == "__main__":
    print(json.dumps([run(op) for op in json.load(sys.stdin)]))
