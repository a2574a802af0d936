#!/usr/bin/env python3
"""Randomised cross-checks of DeliveryHost's Signing module against independent implementations.

Usage: signing.py <path of the SigningCrossCheck executable>

Generates seeded random cases, runs them all through SigningCrossCheck (one process, JSON on
stdin and stdout) and compares each result with:

- SigV4: botocore's SigV4Auth.add_auth, with botocore's clock pinned to the case's time;
- Knock webhooks: HMAC-SHA256 computed here with hmac, hashlib and base64;
- Standard Webhooks: the standardwebhooks library (sign, and verify with its clock pinned);
- Slack: slack_sdk's SignatureVerifier (generate_signature, and is_valid with a pinned clock);
- Twilio: the twilio SDK's RequestValidator (compute_signature and validate);
- JWT: PyJWT (decode of our tokens; our verifier on its tokens, with its clock pinned) and
  cryptography (the RS256 signature over the same signing input, byte for byte).

The seed is printed; set DELIVERYHOST_CROSSCHECK_SEED to replay or vary it. The JWT keys are made
with cryptography at run time and are not seeded. Secrets, tokens and keys are random test values
made here, so printing them with a mismatch leaks nothing.

Prints one summary line per kind and then exactly "N passed, M failed"; exits 1 if any check failed.
Needs Python 3.11 and the test virtualenv (scripts/python-env).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import os
import random
import string
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Callable
from unittest import mock
from urllib.parse import quote

import jwt
import jwt.api_jwt
import standardwebhooks.webhooks
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from slack_sdk.signature import Clock, SignatureVerifier
from standardwebhooks import Webhook
from twilio.request_validator import RequestValidator

SEED_ENV = "DELIVERYHOST_CROSSCHECK_SEED"
DEFAULT_SEED = 20260314

SIGV4_CASES = 200
WEBHOOK_CASES = 100  # each of knock, standard webhooks, slack and twilio, for signing and for verifying
JWT_CASES = 50  # per algorithm, for signing and for verifying
SHOWN_MISMATCHES = 5

# A pinned "now" for the verification cases: 2026-03-14 09:26:53 UTC.
BASE_NOW = 1_773_480_413


@dataclass
class Check:
    """One case for SigningCrossCheck and how to judge its result."""

    kind: str
    case: dict[str, Any]
    # Returns None when the result is right, or what is wrong.
    judge: Callable[[dict[str, Any]], str | None]


# MARK: - Random values


UNRESERVED = string.ascii_letters + string.digits + "-_.~"
TOKEN_CHARS = string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~"
BASE64_CHARS = string.ascii_letters + string.digits + "+/"
KEY_ID_CHARS = string.ascii_uppercase + "234567"

# Weighted pools for random text: mostly ASCII, with control characters, Latin, combining marks,
# CJK, right-to-left scripts, non-BMP characters (emoji, ZWJ parts) and invisible format characters.
TEXT_POOLS = (
    (55, string.ascii_letters + string.digits + string.punctuation + " "),
    (6, "\t\n\r\x00\x01\x1f\x7f"),
    (10, "éßøñüÆ€£¥©®°±µ¶·¼ĀŁŒſ"),
    (6, "\u0301\u0308\u0327\u20dd"),
    (8, "日本語中文한국어ไทย"),
    (5, "עברית العربية"),
    (7, "😀🚀𝄞🧪👩\u200d💻🏳\ufe0f"),
    (3, "\ufeff\u2028\u2029\u200b\ufffd"),
)


def random_text(rng: random.Random, low: int, high: int, ascii_only: bool = False) -> str:
    """Random text of low to high code points (never a lone surrogate)."""
    length = rng.randint(low, high)
    if ascii_only:
        return "".join(rng.choice(string.ascii_letters + string.digits + " -_./:") for _ in range(length))
    weights = [weight for weight, _ in TEXT_POOLS]
    pools = rng.choices([pool for _, pool in TEXT_POOLS], weights=weights, k=length)
    return "".join(rng.choice(pool) for pool in pools)


def random_body(rng: random.Random) -> str:
    """A random Unicode body: free text, or JSON (sometimes with non-ASCII kept raw)."""
    if rng.random() < 0.3:
        value = {random_text(rng, 1, 8): random_text(rng, 0, 30) for _ in range(rng.randint(0, 4))}
        return json.dumps(value, ensure_ascii=rng.random() < 0.5)
    return random_text(rng, 0, rng.choice([0, 10, 80, 400]))


def random_token(rng: random.Random, chars: str, low: int, high: int) -> str:
    return "".join(rng.choice(chars) for _ in range(rng.randint(low, high)))


def random_secret(rng: random.Random) -> str:
    """A random text secret (Knock, Slack, Twilio); never blank, sometimes non-ASCII."""
    secret = random_token(rng, string.ascii_letters + string.digits, 16, 48)
    if rng.random() < 0.15:
        secret += random_text(rng, 1, 6)
    return secret


def flip_bit(data: bytes, rng: random.Random) -> bytes:
    index = rng.randrange(len(data))
    return data[:index] + bytes([data[index] ^ (1 << rng.randrange(8))]) + data[index + 1 :]


def tamper_text(text: str, rng: random.Random) -> str:
    """A different text: one character changed, added or removed."""
    if not text or rng.random() < 0.3:
        return text + rng.choice(["x", " ", "é", "\n"])
    index = rng.randrange(len(text))
    replacement = rng.choice(["y", "Y", "0", "ü", ""])
    if replacement == text[index]:
        replacement = "z" if text[index] != "z" else "q"
    return text[:index] + replacement + text[index + 1 :]


def tamper_base64(signature: str, rng: random.Random) -> str:
    return base64.b64encode(flip_bit(base64.b64decode(signature), rng)).decode()


def skew_seconds(rng: random.Random, tolerance: int) -> int:
    """A clock skew around a tolerance window: inside, exactly on either edge, just outside, far outside."""
    choice = rng.random()
    if choice < 0.55:
        return rng.randint(-tolerance + 1, tolerance - 1)
    if choice < 0.75:
        return rng.choice([-tolerance, tolerance])
    if choice < 0.9:
        return rng.choice([-tolerance - 1, tolerance + 1])
    return rng.choice([-1, 1]) * rng.randint(tolerance + 2, 10 * tolerance)


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def expect_field(name: str, expected: str) -> Callable[[dict[str, Any]], str | None]:
    """Judges a result by one field that must equal the independent implementation's value."""
    return lambda result: None if result.get(name) == expected else f"expected {name} {expected!r}"


def expect_verdict(result: dict[str, Any], valid: bool, code: str | None) -> str | None:
    """Judges a verdict result against the expected validity and, when invalid, the expected code."""
    if "valid" not in result:
        return f"no verdict: {result}"
    if result["valid"] != valid:
        return f"Swift says valid={result['valid']} ({result.get('code')}), expected valid={valid} ({code})"
    if not valid and code is not None and result.get("code") != code:
        return f"Swift rejects with {result.get('code')}, expected {code}"
    return None


# MARK: - SigV4 against botocore


REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "eu-central-2"]
SERVICES = ["ses", "sns", "sqs", "execute-api", "dynamodb", "lambda", "monitoring", "email"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
# Query names, some repeated within a query, some needing escapes (space, non-ASCII, "=", "&").
QUERY_KEYS = ["Action", "Version", "a", "b", "Param1", "key", "tag.1", "~x", "a b", "ключ", "é", "😀", "a=b", "&"]
PATH_ESCAPES = ["%20", "%2F", "%25", "%2E", "%2e", "%3A", "%c3%a9", "%E2%82%AC", "%F0%9F%98%80", "%00"]
SUB_DELIMS = "!$&'()*+,;=:@"


def sigv4_path(rng: random.Random) -> str:
    """A wire path: unreserved characters, sub-delimiters, percent escapes, dot and empty segments."""
    if rng.random() < 0.05:
        return rng.choice(["", "/"])
    segments = []
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        if choice < 0.1:
            segments.append(rng.choice([".", "..", ""]))
            continue
        parts = []
        for _ in range(rng.randint(1, 10)):
            kind = rng.random()
            if kind < 0.7:
                parts.append(rng.choice(UNRESERVED))
            elif kind < 0.8:
                parts.append(rng.choice(SUB_DELIMS))
            elif kind < 0.9:
                parts.append(rng.choice(PATH_ESCAPES))
            else:
                parts.append(quote(random_text(rng, 1, 2), safe=""))
        segments.append("".join(parts))
    return "/" + "/".join(segments) + ("/" if rng.random() < 0.2 else "")


def sigv4_query(rng: random.Random) -> str | None:
    """A query string already in SigV4's canonical encoding (see the note in sigv4_checks)."""
    if rng.random() < 0.3:
        return None
    if rng.random() < 0.03:
        return ""
    keys = rng.sample(QUERY_KEYS, rng.randint(1, 4))
    items = []
    for _ in range(rng.randint(1, 7)):
        key = quote(rng.choice(keys), safe="-_.~")  # repeated keys on purpose
        shape = rng.random()
        if shape < 0.1:
            items.append(key)  # a bare key: value ""
        elif shape < 0.2:
            items.append(f"{key}=")
        else:
            items.append(f"{key}={quote(random_text(rng, 1, 12), safe='-_.~')}")
    return "&".join(items)


def sigv4_header_value(rng: random.Random) -> str:
    """Printable ASCII words with runs of spaces and tabs inside and around, sometimes folded."""
    words = [random_token(rng, string.ascii_letters + string.digits + string.punctuation, 0, 8)]
    for _ in range(rng.randint(0, 4)):
        words.append(rng.choice([" ", "  ", "   ", "\t", " \t "]))
        words.append(random_token(rng, string.ascii_letters + string.digits + string.punctuation, 1, 8))
    value = "".join(words)
    if rng.random() < 0.1:
        value = value + rng.choice(["\r\n ", "\n\t", "\r\n\t  "]) + "continued"
    if rng.random() < 0.3:
        value = rng.choice([" ", "  ", "\t"]) + value + rng.choice([" ", "   ", "\t"])
    return value


class HeaderPairs:
    """Header pairs for AWSRequest, whose constructor reads headers.items(); keeps repeated names."""

    def __init__(self, pairs: list[list[str]]):
        self.pairs = pairs

    def items(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in self.pairs]


class RecordingSigV4Auth(SigV4Auth):
    """SigV4Auth that keeps its canonical request, to show next to ours on a mismatch."""

    canonical: str = ""

    def canonical_request(self, request):
        self.canonical = super().canonical_request(request)
        return self.canonical


def botocore_sign(case: dict[str, Any]) -> tuple[dict[str, str], str]:
    """Signs the case with botocore; returns its SigV4 headers (lowercase names) and canonical request."""
    request = AWSRequest(
        method=case["method"],
        url=case["url"],
        headers=HeaderPairs(case["headers"]),
        data=base64.b64decode(case["body_base64"]),
    )
    credentials = Credentials(case["access_key_id"], case["secret_access_key"], case.get("session_token"))
    auth = RecordingSigV4Auth(credentials, case["service"], case["region"])
    # botocore 1.43.11 reads the clock in SigV4Auth.add_auth through the name get_current_datetime
    # (imported from botocore.compat into botocore.auth), which returns a naive UTC datetime.
    now = datetime.datetime.strptime(case["amz_date"], "%Y%m%dT%H%M%SZ")
    with mock.patch("botocore.auth.get_current_datetime", return_value=now):
        auth.add_auth(request)
    names = ["X-Amz-Date", "X-Amz-Security-Token", "Authorization"]
    headers = {name.lower(): request.headers[name] for name in names if name in request.headers}
    return headers, auth.canonical


def random_amz_date(rng: random.Random) -> str:
    edges = ["20000229T000000Z", "20241231T235959Z", "20280229T120000Z", "20991231T235959Z", "19700101T000000Z"]
    if rng.random() < 0.1:
        return rng.choice(edges)
    instant = datetime.datetime(1990, 1, 1) + datetime.timedelta(seconds=rng.randrange(110 * 365 * 86400))
    return instant.strftime("%Y%m%dT%H%M%SZ")


def sigv4_checks(rng: random.Random) -> list[Check]:
    # Shapes given to both signers are limited to what botocore's add_auth takes as the same request:
    # - The query string is written in SigV4's canonical encoding (every byte but A-Z a-z 0-9 -_.~
    #   escaped, uppercase hex) and passed in the URL. botocore sorts URL query pairs but does not
    #   decode and re-encode them (its params dict, which it does encode, cannot hold a repeated key),
    #   so a query in any other encoding would be signed differently by design, not by mistake.
    # - No empty query items (a=1&&b=2): botocore signs the empty item as "=", we skip it.
    # - Lowercase hosts: botocore derives Host from the URL in lowercase; we sign Host as sent.
    # - No Date, User-Agent or other hop-by-hop headers: botocore signs the time into Date when one
    #   is present, and leaves its blacklist (user-agent, connection, expect, ...) unsigned.
    # - Printable ASCII header values: botocore's str.split() also treats Unicode spaces as white space.
    # - Upper-case methods: botocore upper-cases the method; we sign it as sent.
    checks = []
    for index in range(SIGV4_CASES):
        region, service = rng.choice(REGIONS), rng.choice(SERVICES)
        scheme = "https" if rng.random() < 0.85 else "http"
        host = rng.choice([f"{service}.{region}.amazonaws.com", f"api-{rng.randrange(100)}.example.test", "localhost"])
        port_choice = rng.random()
        if port_choice < 0.15:
            authority = f"{host}:{443 if scheme == 'https' else 80}"
        elif port_choice < 0.3:
            authority = f"{host}:{rng.randint(1024, 65535)}"
        else:
            authority = host
        path, query = sigv4_path(rng), sigv4_query(rng)
        url = f"{scheme}://{authority}{path}" + ("" if query is None else f"?{query}")

        headers: list[list[str]] = []
        if rng.random() < 0.5:
            headers.append([rng.choice(["Content-Type", "content-type"]), "application/json; charset=utf-8"])
        for _ in range(rng.randint(0, 5)):
            name = "x-amz-meta-" + random_token(rng, TOKEN_CHARS, 1, 10)
            name = "".join(c.upper() if rng.random() < 0.3 else c for c in name)
            headers.append([name, sigv4_header_value(rng)])
            if rng.random() < 0.15:  # the same name again, in other letter case
                headers.append([name.swapcase(), sigv4_header_value(rng)])
        if rng.random() < 0.1:
            headers.append(["X-Amz-Date", "20000101T000000Z"])  # stale, as on a retry: replaced
        if rng.random() < 0.1:
            headers.append(["Authorization", "AWS4-HMAC-SHA256 stale"])
        rng.shuffle(headers)

        session_token = None
        if rng.random() < 0.4:
            session_token = base64.b64encode(rng.randbytes(rng.randint(60, 300))).decode()
            if rng.random() < 0.2:
                headers.append(["X-Amz-Security-Token", "stale-token"])
        body = rng.randbytes(rng.choice([0, 0, 1, 17, 64, 500]))
        case = {
            "kind": "sigv4",
            "id": f"sigv4-{index}",
            "method": rng.choice(METHODS),
            "url": url,
            "headers": headers,
            "body_base64": base64.b64encode(body).decode(),
            "amz_date": random_amz_date(rng),
            "region": region,
            "service": service,
            "access_key_id": rng.choice(["AKIA", "ASIA"]) + random_token(rng, KEY_ID_CHARS, 16, 16),
            "secret_access_key": random_token(rng, BASE64_CHARS, 40, 40),
            "session_token": session_token,
        }
        checks.append(Check("sigv4", case, judge_sigv4(case)))
    return checks


def judge_sigv4(case: dict[str, Any]) -> Callable[[dict[str, Any]], str | None]:
    def judge(result: dict[str, Any]) -> str | None:
        if "headers" not in result:
            return f"Swift failed: {result}"
        expected, botocore_canonical = botocore_sign(case)
        ours = {name.lower(): value for name, value in result["headers"]}
        if ours == expected and ours["x-amz-date"] == case["amz_date"]:
            return None
        return (
            f"headers differ\n  Swift:    {ours}\n  botocore: {expected}\n"
            f"  Swift canonical request:\n{indent(result.get('canonical_request', ''))}\n"
            f"  botocore canonical request:\n{indent(botocore_canonical)}"
        )

    return judge


def indent(text: str) -> str:
    return "\n".join("      " + line for line in text.split("\n"))


# MARK: - Knock webhooks against hmac


def knock_header(secret: str, milliseconds: int, body: str) -> str:
    message = f"{milliseconds}.".encode() + body.encode()
    mac = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return f"t={milliseconds},s={base64.b64encode(mac).decode()}"


def knock_checks(rng: random.Random) -> list[Check]:
    checks = []
    for index in range(WEBHOOK_CASES):
        secret, body = random_secret(rng), random_body(rng)
        milliseconds = rng.choice([0, 1, 999, BASE_NOW * 1000 + rng.randrange(1000), rng.randrange(4_102_444_800_000)])
        expected = knock_header(secret, milliseconds, body)
        case = {
            "kind": "knock_sign",
            "id": f"knock-sign-{index}",
            "secret": secret,
            "timestamp_ms": milliseconds,
            "body": body,
        }
        checks.append(Check("knock_sign", case, expect_field("header", expected)))

    for index in range(WEBHOOK_CASES):
        # No Knock library exists to ask; the expected verdict follows from Knock's documented rules
        # (HMAC first, then a 300 000 ms window whose boundary is excluded).
        secret, body = random_secret(rng), random_body(rng)
        signed_ms = BASE_NOW * 1000 + rng.randrange(1000)
        skew_ms = skew_seconds(rng, 300) * 1000 + rng.choice([0, 0, -1, 1])
        header = knock_header(secret, signed_ms, body)
        tampered = rng.random() < 0.3
        if tampered:
            what = rng.choice(["body", "signature", "timestamp"])
            if what == "body":
                body = tamper_text(body, rng)
            elif what == "signature":
                mac = header.split(",s=", 1)[1]
                header = f"t={signed_ms},s={tamper_base64(mac, rng)}"
            else:
                header = header.replace(f"t={signed_ms}", f"t={signed_ms + rng.choice([-1, 1, 1000])}")
        if rng.random() < 0.2:  # documented: parts in any order, white space around them
            t_part, s_part = header.split(",", 1)
            header = f" {s_part} , {t_part}"
        in_window = abs(skew_ms) < 300_000
        code = "signatureMismatch" if tampered else None if in_window else "timestampOutOfTolerance"
        case = {
            "kind": "knock_verify",
            "id": f"knock-verify-{index}",
            "secret": secret,
            "header": header,
            "body": body,
            "now_ms": signed_ms + skew_ms,
        }
        checks.append(Check("knock_verify", case, lambda r, c=code: expect_verdict(r, c is None, c)))
    return checks


# MARK: - Standard Webhooks against the standardwebhooks library


class PinnedDatetime(datetime.datetime):
    """datetime whose now() is pinned; patched into the libraries that read the clock through it."""

    pinned: datetime.datetime

    @classmethod
    def now(cls, tz=None):
        return cls.pinned if tz is None else cls.pinned.astimezone(tz)


def pinned_datetime(module: Any, seconds: int):
    PinnedDatetime.pinned = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return mock.patch.object(module, "datetime", PinnedDatetime)


def random_whsec(rng: random.Random) -> str:
    key = base64.b64encode(rng.randbytes(rng.choice([24, 32, 32, 48, 64, 7]))).decode()
    shape = rng.random()
    if shape < 0.1:
        return key  # the prefix is optional
    if shape < 0.25:
        return "whsec_" + key.rstrip("=")  # unpadded base64 is accepted
    return "whsec_" + key


def random_msg_id(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return "msg_" + random_text(rng, 1, 10)
    return "msg_" + random_token(rng, string.ascii_letters + string.digits, 20, 27)


def standard_webhooks_checks(rng: random.Random) -> list[Check]:
    checks = []
    for index in range(WEBHOOK_CASES):
        secrets = [random_whsec(rng) for _ in range(2 if rng.random() < 0.2 else 1)]
        msg_id, body = random_msg_id(rng), random_body(rng)
        seconds = rng.choice([BASE_NOW, rng.randrange(4_102_444_800)])
        when = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
        expected = " ".join(Webhook(secret).sign(msg_id, when, body) for secret in secrets)
        case = {
            "kind": "standard_webhooks_sign",
            "id": f"standard-sign-{index}",
            "secret": secrets if len(secrets) > 1 else secrets[0],
            "msg_id": msg_id,
            "timestamp": seconds,
            "body": body,
        }
        checks.append(Check("standard_webhooks_sign", case, expect_field("signature", expected)))

    for index in range(WEBHOOK_CASES):
        secret, msg_id, body = random_whsec(rng), random_msg_id(rng), random_body(rng)
        seconds = BASE_NOW + rng.randrange(-86400, 86400)
        now = seconds + skew_seconds(rng, 300)
        when = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
        signature = Webhook(secret).sign(msg_id, when, body)
        timestamp = str(seconds)
        tampered = rng.random() < 0.3
        if tampered:
            what = rng.choice(["body", "id", "timestamp", "signature"])
            if what == "body":
                body = tamper_text(body, rng)
            elif what == "id":
                msg_id = tamper_text(msg_id, rng)
            elif what == "timestamp":
                timestamp = str(seconds + rng.choice([-1, 1]))
            else:
                signature = "v1," + tamper_base64(signature[3:], rng)
        # Rotation and versions: other entries before or after ours are skipped.
        extra = rng.random()
        if extra < 0.15:
            signature = "v1," + base64.b64encode(rng.randbytes(32)).decode() + " " + signature
        elif extra < 0.25:
            signature = signature + " v1a," + base64.b64encode(rng.randbytes(32)).decode()
        receiver_secrets = [secret]
        if rng.random() < 0.15:
            receiver_secrets.insert(rng.randrange(2), random_whsec(rng))
        library_valid = False
        with pinned_datetime(standardwebhooks.webhooks, now):
            for receiver in receiver_secrets:
                headers = {"webhook-id": msg_id, "webhook-timestamp": timestamp, "webhook-signature": signature}
                try:
                    Webhook(receiver).verify(body, headers, json_parse=False)
                    library_valid = True
                except standardwebhooks.webhooks.WebhookVerificationError:
                    pass
        in_window = abs(now - int(timestamp)) <= 300
        code = "signatureMismatch" if tampered else None if in_window else "timestampOutOfTolerance"
        case = {
            "kind": "standard_webhooks_verify",
            "id": f"standard-verify-{index}",
            "secret": receiver_secrets if len(receiver_secrets) > 1 else secret,
            "msg_id": msg_id,
            "timestamp": timestamp,
            "signature": signature,
            "body": body,
            "now": now,
        }
        checks.append(Check("standard_webhooks_verify", case, judge_library_verdict(library_valid, code)))
    return checks


def judge_library_verdict(library_valid: bool, code: str | None) -> Callable[[dict[str, Any]], str | None]:
    """Judges a verdict against the library's verdict and the error code expected by construction."""

    def judge(result: dict[str, Any]) -> str | None:
        if library_valid != (code is None):
            return f"the library says valid={library_valid}, but the case was built to be {code or 'valid'}"
        return expect_verdict(result, library_valid, code)

    return judge


# MARK: - Slack against slack_sdk


class PinnedClock(Clock):
    def __init__(self, seconds: int):
        self.seconds = seconds

    def now(self) -> float:
        return float(self.seconds)


def slack_checks(rng: random.Random) -> list[Check]:
    checks = []
    for index in range(WEBHOOK_CASES):
        secret, body = random_secret(rng), random_body(rng)
        seconds = rng.choice([BASE_NOW, rng.randrange(4_102_444_800)])
        expected = SignatureVerifier(secret).generate_signature(timestamp=str(seconds), body=body)
        case = {"kind": "slack_sign", "id": f"slack-sign-{index}", "secret": secret, "timestamp": seconds, "body": body}
        checks.append(Check("slack_sign", case, expect_field("signature", expected)))

    for index in range(WEBHOOK_CASES):
        secret, body = random_secret(rng), random_body(rng)
        seconds = BASE_NOW + rng.randrange(-86400, 86400)
        now = seconds + skew_seconds(rng, 300)
        timestamp = str(seconds)
        signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
        tampered = rng.random() < 0.3
        if tampered:
            what = rng.choice(["body", "timestamp", "signature"])
            if what == "body":
                body = tamper_text(body, rng)
            elif what == "timestamp":
                timestamp = str(seconds + rng.choice([-1, 1]))
            else:
                position = rng.randrange(3, len(signature))
                digit = "0" if signature[position] != "0" else "1"
                signature = signature[:position] + digit + signature[position + 1 :]
        library_valid = SignatureVerifier(secret, clock=PinnedClock(now)).is_valid(body, timestamp, signature)
        in_window = abs(now - int(timestamp)) <= 300
        code = "signatureMismatch" if tampered else None if in_window else "timestampOutOfTolerance"
        case = {
            "kind": "slack_verify",
            "id": f"slack-verify-{index}",
            "secret": secret,
            "timestamp": timestamp,
            "signature": signature,
            "body": body,
            "now": now,
        }
        checks.append(Check("slack_verify", case, judge_library_verdict(library_valid, code)))
    return checks


# MARK: - Twilio against the twilio SDK


class MultiDict:
    """Form parameters with repeated names, in the shape RequestValidator reads (iteration, getall)."""

    def __init__(self, pairs: list[list[str]]):
        self.pairs = pairs

    def __iter__(self):
        return iter(name for name, _ in self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def getall(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]


def twilio_url(rng: random.Random, port: str, raw_unicode: bool) -> str:
    scheme = "https" if rng.random() < 0.8 else "http"
    host = rng.choice(["example.com", "hooks.example.test", "my-app.ngrok.io", "203.0.113.7"])
    segments = [random_token(rng, UNRESERVED, 1, 10) for _ in range(rng.randint(0, 3))]
    if raw_unicode and segments:
        segments[-1] += random_text(rng, 1, 4).replace("/", "").replace("?", "").replace("#", "")
    path = "/" + "/".join(segments)
    query = ""
    if rng.random() < 0.5:
        pairs = [(random_text(rng, 1, 5), random_text(rng, 0, 8)) for _ in range(rng.randint(1, 3))]
        query = "?" + "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)
    if port == "default":
        port = "443" if scheme == "https" else "80"
    return f"{scheme}://{host}{':' + port if port else ''}{path}{query}"


def twilio_params(rng: random.Random) -> list[list[str]]:
    names = [random_text(rng, 1, 8) for _ in range(rng.randint(1, 4))] + ["To", "From", "Body", "MessageSid"]
    params = []
    for _ in range(rng.randint(0, 8)):
        name = rng.choice(names)
        value = random_text(rng, 0, 20)
        params.append([name, value])
        if rng.random() < 0.1:
            params.append([name, value])  # an exact repeat: signed once
    return params


def split_port(url: str) -> tuple[str, str, str]:
    """(scheme://host, port or "", rest) for the URLs twilio_url makes."""
    scheme, rest = url.split("://", 1)
    slash = rest.index("/")
    authority, rest = rest[:slash], rest[slash:]
    host, _, port = authority.partition(":")
    return f"{scheme}://{host}", port, rest


def twilio_checks(rng: random.Random) -> list[Check]:
    checks = []
    for index in range(WEBHOOK_CASES):
        token = random_secret(rng)
        port = rng.choice(["", "", "default", str(rng.randint(1024, 65535))])
        url = twilio_url(rng, port, raw_unicode=rng.random() < 0.3)
        params = twilio_params(rng)
        expected = RequestValidator(token).compute_signature(url, MultiDict(params))
        case = {"kind": "twilio_sign", "id": f"twilio-sign-{index}", "auth_token": token, "url": url, "params": params}
        checks.append(Check("twilio_sign", case, expect_field("signature", expected)))

    for index in range(WEBHOOK_CASES):
        token = random_secret(rng)
        url = twilio_url(rng, rng.choice(["", "default", str(rng.randint(1024, 65535))]), raw_unicode=False)
        base, port, rest = split_port(url)
        default_port = "443" if base.startswith("https") else "80"
        # Twilio may sign the URL as requested, without its port, or with the default port added.
        variants = [url, base + rest] if port else [url, f"{base}:{default_port}{rest}"]
        signed_url = rng.choice(variants)
        wrong_port = rng.random() < 0.1
        if wrong_port:
            signed_url = f"{base}:{rng.choice(['8443', '8080'])}{rest}"
        json_body = None
        params: list[list[str]] = []
        if rng.random() < 0.3:  # a JSON body, signed through bodySHA256 in the URL
            event = {"EventType": random_text(rng, 1, 10), "Payload": random_text(rng, 0, 40)}
            json_body = json.dumps(event, ensure_ascii=False)
            digest = hashlib.sha256(json_body.encode()).hexdigest()
            joiner = "&" if "?" in url else "?"
            url, signed_url = f"{url}{joiner}bodySHA256={digest}", f"{signed_url}{joiner}bodySHA256={digest}"
            signature = RequestValidator(token).compute_signature(signed_url, {})
        else:
            params = twilio_params(rng)
            signature = RequestValidator(token).compute_signature(signed_url, MultiDict(params))
        tampered = rng.random() < 0.25
        if tampered:
            what = rng.choice(["signature", "content", "url"])
            if what == "signature":
                signature = tamper_base64(signature, rng)
            elif what == "url":
                url = url.replace("://", "://x", 1)
            elif json_body is not None:
                json_body = json_body[:-1] + " }"
            elif params and rng.random() < 0.5:
                params = [[params[0][0], tamper_text(params[0][1], rng)]] + params[1:]
            else:
                params = params + [["Extra", random_text(rng, 0, 5)]]
        validator = RequestValidator(token)
        library_valid = validator.validate(url, json_body if json_body is not None else MultiDict(params), signature)
        expected_valid = not (tampered or wrong_port)
        case = {
            "kind": "twilio_verify",
            "id": f"twilio-verify-{index}",
            "auth_token": token,
            "url": url,
            "signature": signature,
        }
        if json_body is not None:
            case["body"] = json_body
        else:
            case["params"] = params
        code = None if expected_valid else "signatureMismatch"
        checks.append(Check("twilio_verify", case, judge_library_verdict(library_valid, code)))
    return checks


# MARK: - JWT against PyJWT and cryptography


def private_pem(key: Any, rng: random.Random) -> str:
    """The key as PKCS#8, or PKCS#1/SEC 1, sometimes with literal \\n as pasted into an env variable."""
    form = serialization.PrivateFormat.PKCS8 if rng.random() < 0.6 else serialization.PrivateFormat.TraditionalOpenSSL
    pem = key.private_bytes(serialization.Encoding.PEM, form, serialization.NoEncryption()).decode()
    return pem.replace("\n", "\\n") if rng.random() < 0.1 else pem


def public_pem(key: Any) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def random_claims(rng: random.Random, ascii_only: bool) -> dict[str, Any]:
    """Registered claims of the right types plus random custom ones (floats only when not ascii_only)."""

    def value(depth: int) -> Any:
        choice = rng.random()
        if choice < 0.3:
            return random_text(rng, 0, 16, ascii_only=ascii_only)
        if choice < 0.5:
            return rng.choice([0, -1, 2**31, -(2**53), 2**62, rng.randint(-(10**12), 10**12)])
        if choice < 0.6:
            return rng.choice([True, False, None])
        if choice < 0.7 and not ascii_only:
            # Fractions, or beyond Int64: an integral float inside Int64's range, such as 8.78e+17, is
            # exactly an integer as JSON text, which is how our tool reads it, while Python rounds it.
            return rng.uniform(-1e6, 1e6) * rng.choice([1, 1e-9, 1e300])
        if depth < 2 and choice < 0.85:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        if depth < 2:
            return {random_text(rng, 1, 6, ascii_only=ascii_only): value(depth + 1) for _ in range(rng.randint(0, 3))}
        return random_text(rng, 0, 5, ascii_only=ascii_only)

    claims: dict[str, Any] = {
        "iss": random_text(rng, 1, 12, ascii_only=ascii_only),
        "sub": random_text(rng, 1, 20, ascii_only=ascii_only),
        "iat": BASE_NOW,
    }
    if rng.random() < 0.7:
        claims["exp"] = BASE_NOW + rng.randint(60, 7200)
    for _ in range(rng.randint(0, 5)):
        claims[random_text(rng, 1, 10, ascii_only=ascii_only)] = value(0)
    return claims


def same_json(a: Any, b: Any) -> bool:
    """Deep equality that, unlike ==, tells True from 1; numbers compare by value, as JSON has one number type.

    (A float such as 3.6e+17 is integral; our tool reads it as an integer, so PyJWT gets an int back.)
    """
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    return a == b


def sorted_json(value: Any) -> Any:
    """The value with every object's keys in sorted order (our encoder sorts them)."""
    if isinstance(value, dict):
        return {key: sorted_json(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_json(item) for item in value]
    return value


# Skip PyJWT's claim checks when decoding our tokens: they are checked for exact equality instead.
NO_CLAIM_CHECKS = {
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "verify_aud": False,
    "verify_iss": False,
    "verify_sub": False,
    "verify_jti": False,
}


RSA_KEY_BITS = (2048, 2048, 2048, 3072)


class JWTKeys:
    """Keys made at run time: a few per algorithm, plus a spare to verify with the wrong key."""

    def __init__(self) -> None:
        self.keys = {
            "ES256": [ec.generate_private_key(ec.SECP256R1()) for _ in range(4)],
            "RS256": [rsa.generate_private_key(public_exponent=65537, key_size=bits) for bits in RSA_KEY_BITS],
        }

    def pick(self, alg: str, index: int) -> Any:
        keys = self.keys[alg]
        return keys[index % len(keys)]

    def other(self, alg: str, index: int) -> Any:
        keys = self.keys[alg]
        return keys[(index + 1) % len(keys)]


def jwt_sign_checks(rng: random.Random, keys: JWTKeys, stats: dict[str, int]) -> list[Check]:
    checks = []
    for alg in ("ES256", "RS256"):
        for index in range(JWT_CASES):
            key = keys.pick(alg, index)
            kid = random_token(rng, string.ascii_letters + string.digits + "-_", 8, 40) if rng.random() < 0.8 else None
            ascii_only = index % 2 == 0
            claims = random_claims(rng, ascii_only)
            case = {
                "kind": "jwt_sign",
                "id": f"jwt-sign-{alg}-{index}",
                "alg": alg,
                "private_key_pem": private_pem(key, rng),
                "kid": kid,
                "claims": claims,
            }
            checks.append(Check(f"jwt_sign {alg}", case, judge_jwt_sign(case, key, ascii_only, stats)))
    return checks


def judge_jwt_sign(
    case: dict[str, Any], key: Any, ascii_only: bool, stats: dict[str, int]
) -> Callable[[dict[str, Any]], str | None]:
    alg, kid, claims = case["alg"], case["kid"], case["claims"]

    def judge(result: dict[str, Any]) -> str | None:
        token = result.get("token")
        if not isinstance(token, str) or token.count(".") != 2:
            return f"no compact token: {result}"
        header_part, payload_part, signature_part = token.split(".")
        expected_header = {"alg": alg} | ({"kid": kid} if kid is not None else {})
        header_json = json.dumps(expected_header, separators=(",", ":")).encode()
        if b64url_decode(header_part) != header_json:
            return f"header is {b64url_decode(header_part)!r}, expected {header_json!r}"
        try:
            decoded = jwt.decode(token, key.public_key(), algorithms=[alg], options=NO_CLAIM_CHECKS)
        except jwt.PyJWTError as error:
            return f"PyJWT rejects the token: {type(error).__name__}: {error}"
        if not same_json(decoded, claims):
            return f"PyJWT decodes the claims as {decoded!r}"
        signing_input = f"{header_part}.{payload_part}".encode()
        signature = b64url_decode(signature_part)
        if alg == "RS256":
            # PKCS#1 v1.5 is deterministic: the same key and input give the same bytes.
            expected = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
            if signature != expected:
                return "the RS256 signature differs from cryptography's over the same signing input"
            if ascii_only:
                # Printable-ASCII claims without floats serialise identically in both encoders (sorted
                # keys, compact), and PyJWT sorts the header (alg, kid) once typ is dropped, so the
                # whole token must be PyJWT's byte for byte.
                headers = {"typ": None} | ({"kid": kid} if kid is not None else {})
                theirs = jwt.encode(sorted_json(claims), key, algorithm="RS256", headers=headers)
                if theirs != token:
                    return f"the token differs from PyJWT's jwt.encode:\n  ours:  {token}\n  PyJWT: {theirs}"
                stats["rs256_byte_identical"] = stats.get("rs256_byte_identical", 0) + 1
        else:
            if len(signature) != 64:
                return f"the ES256 signature has {len(signature)} bytes, not 64 (r||s)"
            r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            try:
                key.public_key().verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(hashes.SHA256()))
            except Exception as error:  # cryptography raises InvalidSignature
                return f"cryptography rejects the ES256 signature: {type(error).__name__}"
        return None

    return judge


def pyjwt_accepts(token: str, key: Any, alg: str, now: int) -> bool:
    """PyJWT's verdict with its clock pinned to now and our leeway (60 s) on exp and nbf."""
    options = NO_CLAIM_CHECKS | {"verify_exp": True, "verify_nbf": True}
    with pinned_datetime(jwt.api_jwt, now):
        try:
            jwt.decode(token, key.public_key(), algorithms=[alg], leeway=60, options=options)
            return True
        except jwt.PyJWTError:
            return False


def jwt_verify_checks(rng: random.Random, keys: JWTKeys) -> list[Check]:
    checks = []
    for alg in ("ES256", "RS256"):
        other_alg = "RS256" if alg == "ES256" else "ES256"
        for index in range(JWT_CASES):
            key = keys.pick(alg, index)
            claims = random_claims(rng, ascii_only=False)
            claims["exp"] = BASE_NOW + rng.randint(120, 86400)
            kid = random_token(rng, string.ascii_letters + string.digits, 10, 10)
            headers = {"kid": kid} if rng.random() < 0.7 else None
            token = jwt.encode(claims, key, algorithm=alg, headers=headers)
            header_part, payload_part, signature_part = token.split(".")
            flipped = f"{header_part}.{payload_part}.{b64url_encode(flip_bit(b64url_decode(signature_part), rng))}"

            # PyJWT's token, then the same with one signature bit flipped.
            variants = [("valid", token, key, BASE_NOW, None), ("flipped", flipped, key, BASE_NOW, "signatureMismatch")]
            if index % 5 == 0:
                variants.append(("wrong key", token, keys.other(alg, index), BASE_NOW, "signatureMismatch"))
            if index % 5 == 1:  # exp around the 60 s leeway
                exp = claims["exp"]
                now = exp + rng.choice([59, 60, 61, 3600])
                variants.append(("expired", token, key, now, None if now - exp < 60 else "tokenExpired"))
            if index % 5 == 2:  # nbf around the 60 s leeway
                nbf_claims = claims | {"nbf": BASE_NOW + 600}
                nbf_token = jwt.encode(nbf_claims, key, algorithm=alg, headers=headers)
                now = BASE_NOW + 600 - rng.choice([59, 60, 61, 3600])
                code = None if BASE_NOW + 600 - now <= 60 else "tokenExpired"
                variants.append(("not yet valid", nbf_token, key, now, code))
            if index % 10 == 3:  # a token of the other algorithm: the verifier, not the token, chooses
                other_token = jwt.encode(claims, keys.pick(other_alg, index), algorithm=other_alg)
                variants.append(("other alg", other_token, key, BASE_NOW, "unsupportedAlgorithm"))

            for label, variant, verify_key, now, code in variants:
                library_valid = pyjwt_accepts(variant, verify_key, alg, now)
                case = {
                    "kind": "jwt_verify",
                    "id": f"jwt-verify-{alg}-{index}-{label.replace(' ', '-')}",
                    "alg": alg,
                    "public_key_pem": public_pem(verify_key),
                    "token": variant,
                    "now": now,
                }
                checks.append(Check(f"jwt_verify {alg}", case, judge_library_verdict(library_valid, code)))
    return checks


# MARK: - Running


def run_tool(tool: str, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    completed = subprocess.run([tool], input=json.dumps(cases).encode(), capture_output=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{tool} exited with {completed.returncode}: {completed.stderr.decode(errors='replace')}")
    results = json.loads(completed.stdout)
    if not isinstance(results, list) or len(results) != len(cases):
        raise RuntimeError(f"{tool} returned {len(results)} results for {len(cases)} cases")
    return results


def shorten(value: Any) -> Any:
    """The case for printing, with long strings (PEM keys) cut."""
    if isinstance(value, dict):
        return {key: shorten(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shorten(item) for item in value]
    if isinstance(value, str) and len(value) > 400:
        return value[:200] + f"...({len(value)} characters)"
    return value


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    tool = sys.argv[1]
    seed = int(os.environ.get(SEED_ENV, DEFAULT_SEED))
    print(f"seed {seed} (set {SEED_ENV} to change it)")
    rng = random.Random(seed)

    stats: dict[str, int] = {}
    keys = JWTKeys()
    checks = (
        sigv4_checks(rng)
        + knock_checks(rng)
        + standard_webhooks_checks(rng)
        + slack_checks(rng)
        + twilio_checks(rng)
        + jwt_sign_checks(rng, keys, stats)
        + jwt_verify_checks(rng, keys)
    )
    try:
        results = run_tool(tool, [check.case for check in checks])
    except (OSError, RuntimeError, json.JSONDecodeError) as error:
        print(f"error: {error}")
        print(f"0 passed, {len(checks)} failed")
        return 1

    tally: dict[str, list[int]] = {}
    mismatches = []
    for check, result in zip(checks, results):
        try:
            problem = check.judge(result)
        except Exception as error:  # a judge that trips over a bad result is a mismatch, not a crash
            problem = f"judging failed: {type(error).__name__}: {error}"
        counts = tally.setdefault(check.kind, [0, 0])
        counts[0 if problem is None else 1] += 1
        if problem is not None:
            mismatches.append((check, result, problem))

    for kind, (passed, failed) in tally.items():
        print(f"  {kind:26} {passed + failed:4} cases, {failed} mismatched")
    if "rs256_byte_identical" in stats:
        print(f"  (RS256 tokens byte-identical to PyJWT's jwt.encode: {stats['rs256_byte_identical']})")
    for check, result, problem in mismatches[:SHOWN_MISMATCHES]:
        print(f"\nMISMATCH {check.kind}: {problem}")
        print(f"  case:   {json.dumps(shorten(check.case), ensure_ascii=False)}")
        print(f"  result: {json.dumps(shorten(result), ensure_ascii=False)}")
    if len(mismatches) > SHOWN_MISMATCHES:
        print(f"\n... and {len(mismatches) - SHOWN_MISMATCHES} more mismatches")
    failed = len(mismatches)
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
