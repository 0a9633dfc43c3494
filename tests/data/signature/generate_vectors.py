#!/usr/bin/env python3
"""Writes verifier_vectors.json: signature test cases for tst_signatureverifier.

Every digest here is computed with Python's own hmac/hashlib/base64 modules, an implementation
independent of the Qt code under test. Two published vectors are included verbatim and re-derived
below (the script asserts they reproduce):
  - GitHub, docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody",
    payload "Hello, World!" -> sha256=757107ea...3e17 (also checked with
    `printf 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"`).
  - Standard Webhooks / Svix: secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, id
    msg_p5jXN8AQM9LWM0D4loKWxJek, timestamp 1614265330, body {"test": 2432232314}
    -> v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= (the example of the Svix docs, used as the
    reference vector by the Standard Webhooks libraries).
Run: python3 generate_vectors.py > verifier_vectors.json
"""
import base64
import hashlib
import hmac
import json

ALGS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha512": hashlib.sha512,
        "sha384": hashlib.sha384, "md5": hashlib.md5}


def hexmac(secret, data, alg="sha256"):
    return hmac.new(secret.encode() if isinstance(secret, str) else secret, data,
                    ALGS[alg]).hexdigest()


def b64mac(key, data, alg="sha256"):
    return base64.b64encode(hmac.new(key, data, ALGS[alg]).digest()).decode()


def whsec_key(secret):
    return base64.b64decode(secret[6:] if secret.startswith("whsec_") else secret)


def std_sig(secret, msg_id, ts, body):
    return "v1," + b64mac(whsec_key(secret), f"{msg_id}.{ts}.".encode() + body)


def stripe_sig(secret, ts, body):
    return hexmac(secret, f"{ts}.".encode() + body)


cases = []


def case(name, headers, body, expect, secrets=(), event_type="", now=0, source="generated",
         hmac_specs=(), tolerance=None):
    entry = {"name": name, "source": source, "method": "POST", "target": "/hooks/a?x=1",
             "headers": [list(h) for h in headers],
             "eventType": event_type, "now": now, "secrets": list(secrets),
             "hmac": list(hmac_specs), "expect": expect}
    try:
        entry["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        entry["bodyHex"] = body.hex()
    if tolerance is not None:
        entry["tolerance"] = tolerance
    cases.append(entry)


def exp(state, scheme="", header="", label="", contains=()):
    return {"state": state, "scheme": scheme, "header": header, "label": label,
            "detailContains": list(contains)}


# ---------------------------------------------------------------- Solaris
SOL = "Solaris-Webhook-Signature"
body = b'{"id":"4f3c5e8a1b2c4d6e8f0a1b2c3d4e5f60cidt","status":"successful"}'
s1 = "f82c389fb187274227186b5a58781978"
s2 = "0123456789abcdef0123456789abcdef"
good = "sha256=" + hexmac(s1, body)
typ = ("Solaris-Webhook-Event-Type", "IDENTIFICATION")
case("solaris valid", [typ, (SOL, good)], body,
     exp("valid", "solaris", SOL, "solaris #1", ["HMAC-SHA256", "raw body (%d bytes)" % len(body)]),
     ["solaris:" + s1])
case("solaris header name in lower case", [(SOL.lower(), good)], body,
     exp("valid", "solaris", SOL, "solaris #1"), ["solaris:" + s1])
case("solaris wrong secret", [typ, (SOL, good)], body,
     exp("invalid", "solaris", SOL, "", ["received: " + good,
                                          "expected with solaris #1: sha256=" + hexmac(s2, body)]),
     ["solaris:" + s2])
tampered = body.replace(b"successful", b"successfuL")
case("solaris body tampered by one byte", [typ, (SOL, good)], tampered,
     exp("invalid", "solaris", SOL, "",
         ["expected with solaris #1: sha256=" + hexmac(s1, tampered)]), ["solaris:" + s1])
case("solaris sha1 prefix", [(SOL, "sha1=" + hexmac(s1, body, "sha1"))], body,
     exp("valid", "solaris", SOL, "solaris #1", ["HMAC-SHA1"]), ["solaris:" + s1])
case("solaris SHA512 prefix and upper-case hex",
     [(SOL, "SHA512=" + hexmac(s1, body, "sha512").upper())], body,
     exp("valid", "solaris", SOL, "solaris #1", ["HMAC-SHA512"]), ["solaris:" + s1])
case("solaris unknown algorithm", [(SOL, "sha999=" + hexmac(s1, body))], body,
     exp("invalid", "solaris", SOL, "", ['unknown algorithm "sha999"']), ["solaris:" + s1])
case("solaris malformed without =", [(SOL, hexmac(s1, body))], body,
     exp("invalid", "solaris", SOL, "", ["malformed", "<algorithm>=<hex digest>"]),
     ["solaris:" + s1])
case("solaris digest not hex", [(SOL, "sha256=zz" + hexmac(s1, body)[2:])], body,
     exp("invalid", "solaris", SOL, "", ["malformed", "not hex"]), ["solaris:" + s1])
case("solaris truncated digest", [(SOL, good[:-2])], body,
     exp("invalid", "solaris", SOL, "", ["No secret matches"]), ["solaris:" + s1])
case("solaris second of several secrets matches",
     [(SOL, "sha256=" + hexmac(s2, body))], body,
     exp("valid", "solaris", SOL, "solaris #2"), ["solaris:" + s1, "solaris:" + s2])
case("solaris per event type secret",
     [typ, (SOL, "sha256=" + hexmac(s2, body))], body,
     exp("valid", "solaris", SOL, "solaris:IDENTIFICATION #1"),
     ["solaris:BOOKING:" + s1, "solaris:IDENTIFICATION:" + s2], "IDENTIFICATION")
case("solaris inferred event type selects its secret",
     [(SOL, "sha256=" + hexmac(s2, body))], body,
     exp("valid", "solaris", SOL, "solaris:IDENTIFICATION #1"),
     ["solaris:IDENTIFICATION:" + s2], "IDENTIFICATION?")
case("solaris scheme-wide secret after the event type's",
     [(SOL, "sha256=" + hexmac(s1, body))], body,
     exp("valid", "solaris", SOL, "solaris #1"),
     ["solaris:BOOKING:" + s2, "solaris:" + s1], "BOOKING")
case("solaris unclassified event tries every event type's secret",
     [(SOL, "sha256=" + hexmac(s2, body))], body,
     exp("valid", "solaris", SOL, "solaris:BOOKING #2"),
     ["solaris:BOOKING:" + s1, "solaris:BOOKING:" + s2])
case("solaris secret containing a colon",
     [(SOL, "sha256=" + hexmac("abc:def", body))], body,
     exp("valid", "solaris", SOL, "solaris #1"), ["solaris:abc:def"])
case("solaris secret escaped with ::",
     [(SOL, "sha256=" + hexmac("BOOKING:xyz", body))], body,
     exp("valid", "solaris", SOL, "solaris #1"), ["solaris::BOOKING:xyz"])
case("solaris signed but no secret", [typ, (SOL, good)], body,
     exp("no secret", "solaris", SOL, "", ["--secret solaris:SECRET"]), ["github:" + s1])
case("solaris subscription request is unsigned",
     [("Solaris-Webhook-Event-Type", "WEBHOOK-SUBSCRIPTION")], b"",
     exp("unsigned", "solaris", "", "", ["WEBHOOK-SUBSCRIPTION"]), ["solaris:" + s1],
     "WEBHOOK-SUBSCRIPTION")
case("solaris empty body signed", [(SOL, "sha256=" + hexmac(s1, b""))], b"",
     exp("valid", "solaris", SOL, "solaris #1", ["raw body (0 bytes)"]), ["solaris:" + s1])
binary = bytes([0xff, 0xfe, 0x00, 0x80, 0x7b, 0x0d, 0x0a])
case("solaris binary body", [(SOL, "sha256=" + hexmac(s1, binary))], binary,
     exp("valid", "solaris", SOL, "solaris #1"), ["solaris:" + s1])
crlf = b'{\r\n  "a": 1\r\n}\r\n'
case("solaris raw bytes not normalised",
     [(SOL, "sha256=" + hexmac(s1, crlf.replace(b"\r\n", b"\n")))], crlf,
     exp("invalid", "solaris", SOL), ["solaris:" + s1])

# ---------------------------------------------------------------- Standard Webhooks / Svix
PUB_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PUB_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
PUB_TS = 1614265330
PUB_BODY = b'{"test": 2432232314}'
PUB_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
assert std_sig(PUB_SECRET, PUB_ID, PUB_TS, PUB_BODY) == PUB_SIG
PUB_SRC = "published: Svix docs / Standard Webhooks libraries' reference vector"
WS = "webhook-signature"


def std_headers(sig, family="webhook-", msg_id=PUB_ID, ts=PUB_TS):
    return [(family + "id", msg_id), (family + "timestamp", str(ts)), (family + "signature", sig)]


case("standard published vector", std_headers(PUB_SIG), PUB_BODY,
     exp("valid", "standard", WS, "standard #1"), [f"standard:{PUB_SECRET}"], now=PUB_TS,
     source=PUB_SRC)
case("standard published vector, secret without whsec_", std_headers(PUB_SIG), PUB_BODY,
     exp("valid", "standard", WS, "standard #1"), [f"standard:{PUB_SECRET[6:]}"], now=PUB_TS,
     source=PUB_SRC)
case("standard svix headers", std_headers(PUB_SIG, "svix-"), PUB_BODY,
     exp("valid", "standard", "svix-signature", "standard #1", ["svix-id.svix-timestamp."]),
     [f"svix:{PUB_SECRET}"], now=PUB_TS, source=PUB_SRC)
case("standard timestamp at the tolerance edge", std_headers(PUB_SIG), PUB_BODY,
     exp("valid", "standard", WS, "standard #1"), [f"standard:{PUB_SECRET}"], now=PUB_TS + 300)
case("standard stale timestamp", std_headers(PUB_SIG), PUB_BODY,
     exp("stale", "standard", WS, "standard #1", ["301 s old", "tolerance 300 s"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS + 301)
case("standard future timestamp beyond tolerance", std_headers(PUB_SIG), PUB_BODY,
     exp("stale", "standard", WS, "standard #1", ["301 s in the future"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS - 301)
case("standard custom tolerance", std_headers(PUB_SIG), PUB_BODY,
     exp("stale", "standard", WS, "standard #1", ["61 s old", "tolerance 60 s"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS + 61, tolerance=60)
other = "whsec_" + base64.b64encode(b"rotated-secret-key-0123456789ab").decode()
old_sig = std_sig(other, PUB_ID, PUB_TS, PUB_BODY)
case("standard rotated: second signature matches", std_headers(old_sig + " " + PUB_SIG),
     PUB_BODY, exp("valid", "standard", WS, "standard #1", ["2 signature(s)"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard rotated: second secret matches", std_headers(old_sig), PUB_BODY,
     exp("valid", "standard", WS, "standard #2"),
     [f"standard:{PUB_SECRET}", f"standard:{other}"], now=PUB_TS)
case("standard ignores v1a and unknown versions",
     std_headers("v1a,bm90LWFuLWVkMjU1MTktc2lnbmF0dXJl v2,abc " + PUB_SIG), PUB_BODY,
     exp("valid", "standard", WS, "standard #1", ["ignored: v1a, v2"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard only v1a", std_headers("v1a,bm90LWFuLWVkMjU1MTktc2lnbmF0dXJl"), PUB_BODY,
     exp("invalid", "standard", WS, "", ["malformed", "found: v1a"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard wrong secret", std_headers(PUB_SIG), PUB_BODY,
     exp("invalid", "standard", WS, "",
         ["expected with standard #1: " + std_sig(other, PUB_ID, PUB_TS, PUB_BODY)]),
     [f"standard:{other}"], now=PUB_TS)
std_tampered = b'{"test": 2432232315}'
case("standard body tampered by one byte", std_headers(PUB_SIG), std_tampered,
     exp("invalid", "standard", WS, "",
         ["expected with standard #1: " + std_sig(PUB_SECRET, PUB_ID, PUB_TS, std_tampered)]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard id is signed", std_headers(PUB_SIG, msg_id="msg_other"), PUB_BODY,
     exp("invalid", "standard", WS), [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard wrong and stale is invalid", std_headers(old_sig), PUB_BODY,
     exp("invalid", "standard", WS), [f"standard:{PUB_SECRET}"], now=PUB_TS + 10000)
case("standard missing webhook-id", std_headers(PUB_SIG)[1:], PUB_BODY,
     exp("invalid", "standard", WS, "", ["webhook-id is missing"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard malformed timestamp", std_headers(PUB_SIG, ts="16142653x0"), PUB_BODY,
     exp("invalid", "standard", WS, "", ["not unix seconds"]),
     [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard signature not base64", std_headers("v1,***"), PUB_BODY,
     exp("invalid", "standard", WS, "", ["malformed"]), [f"standard:{PUB_SECRET}"], now=PUB_TS)
case("standard no secret", std_headers(PUB_SIG), PUB_BODY,
     exp("no secret", "standard", WS), [f"solaris:{s1}"], now=PUB_TS)

# ---------------------------------------------------------------- Stripe
ST = "Stripe-Signature"
st_secret = "whsec_test_stripe_secret_4eC39HqLyjWDarjtT1zdp7dc"
st_other = "whsec_previous_stripe_secret_000000000000000000"
st_body = b'{"id":"evt_1","object":"event","type":"charge.succeeded"}'
ts = 1700000000
st_good = stripe_sig(st_secret, ts, st_body)
case("stripe valid", [(ST, f"t={ts},v1={st_good}")], st_body,
     exp("valid", "stripe", ST, "stripe #1", ['"{t}."']), [f"stripe:{st_secret}"], now=ts + 5)
case("stripe rolled secret: second v1 matches",
     [(ST, f"t={ts},v1={stripe_sig(st_other, ts, st_body)},v1={st_good},v0=abc")], st_body,
     exp("valid", "stripe", ST, "stripe #1", ["2 v1 signature(s)"]), [f"stripe:{st_secret}"],
     now=ts)
case("stripe stale", [(ST, f"t={ts},v1={st_good}")], st_body,
     exp("stale", "stripe", ST, "stripe #1", ["1000 s old"]), [f"stripe:{st_secret}"],
     now=ts + 1000)
case("stripe future", [(ST, f"t={ts},v1={st_good}")], st_body,
     exp("stale", "stripe", ST, "stripe #1", ["301 s in the future"]), [f"stripe:{st_secret}"],
     now=ts - 301)
case("stripe wrong secret", [(ST, f"t={ts},v1={st_good}")], st_body,
     exp("invalid", "stripe", ST, "",
         ["expected with stripe #1: v1=" + stripe_sig(st_other, ts, st_body)]),
     [f"stripe:{st_other}"], now=ts)
st_tampered = st_body.replace(b"evt_1", b"evt_2")
case("stripe body tampered", [(ST, f"t={ts},v1={st_good}")], st_tampered,
     exp("invalid", "stripe", ST), [f"stripe:{st_secret}"], now=ts)
case("stripe timestamp is signed", [(ST, f"t={ts + 1},v1={st_good}")], st_body,
     exp("invalid", "stripe", ST), [f"stripe:{st_secret}"], now=ts)
case("stripe missing t", [(ST, f"v1={st_good}")], st_body,
     exp("invalid", "stripe", ST, "", ["malformed", "t=<unix seconds>"]),
     [f"stripe:{st_secret}"], now=ts)
case("stripe only v0", [(ST, f"t={ts},v0={st_good}")], st_body,
     exp("invalid", "stripe", ST, "", ["malformed", "found: v0"]), [f"stripe:{st_secret}"],
     now=ts)
case("stripe garbage", [(ST, "garbage")], st_body,
     exp("invalid", "stripe", ST, "", ["malformed"]), [f"stripe:{st_secret}"], now=ts)
case("stripe spaces after commas", [(ST, f"t={ts}, v1={st_good}")], st_body,
     exp("valid", "stripe", ST, "stripe #1"), [f"stripe:{st_secret}"], now=ts)
case("stripe no secret", [(ST, f"t={ts},v1={st_good}")], st_body,
     exp("no secret", "stripe", ST), [], now=ts)

# ---------------------------------------------------------------- GitHub
GH = "X-Hub-Signature-256"
gh_secret = "It's a Secret to Everybody"
gh_body = b"Hello, World!"
gh_sig = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
assert "sha256=" + hexmac(gh_secret, gh_body) == gh_sig
GH_SRC = "published: docs.github.com, Validating webhook deliveries (test values)"
case("github documented example", [(GH, gh_sig)], gh_body,
     exp("valid", "github", GH, "github #1"), [f"github:{gh_secret}"], source=GH_SRC)
case("github legacy sha1", [("X-Hub-Signature", "sha1=" + hexmac(gh_secret, gh_body, "sha1"))],
     gh_body, exp("valid", "github", "X-Hub-Signature", "github #1", ["HMAC-SHA1"]),
     [f"github:{gh_secret}"])
case("github prefers sha256 when both are sent",
     [("X-Hub-Signature", "sha1=" + "00" * 20), (GH, gh_sig)], gh_body,
     exp("valid", "github", GH, "github #1"), [f"github:{gh_secret}"], source=GH_SRC)
case("github upper-case hex", [(GH, "sha256=" + hexmac(gh_secret, gh_body).upper())], gh_body,
     exp("valid", "github", GH, "github #1"), [f"github:{gh_secret}"])
case("github wrong prefix", [(GH, "sha1=" + hexmac(gh_secret, gh_body, "sha1"))], gh_body,
     exp("invalid", "github", GH, "", ["malformed", "expected sha256=<hex>"]),
     [f"github:{gh_secret}"])
case("github body tampered", [(GH, gh_sig)], b"Hello, World?",
     exp("invalid", "github", GH, "",
         ["expected with github #1: sha256=" + hexmac(gh_secret, b"Hello, World?")]),
     [f"github:{gh_secret}"])
case("github per event type secret", [("X-GitHub-Event", "push"), (GH, gh_sig)], gh_body,
     exp("valid", "github", GH, "github:PUSH #1"), ["github:wrong", f"github:PUSH:{gh_secret}"],
     "push")

# ---------------------------------------------------------------- generic HMAC
hm_secret = "shpss_0123456789abcdef"
hm_body = b'{"order_id":42}'
case("hmac Shopify preset",
     [("X-Shopify-Hmac-Sha256", b64mac(hm_secret.encode(), hm_body))], hm_body,
     exp("valid", "hmac", "X-Shopify-Hmac-Sha256", "hmac #1", ["Shopify", "base64"]),
     [f"hmac:{hm_secret}"])
case("hmac Gitea preset wrong secret",
     [("X-Gitea-Signature", hexmac("other", hm_body))], hm_body,
     exp("invalid", "hmac", "X-Gitea-Signature", "",
         ["expected with hmac #1: " + hexmac(hm_secret, hm_body)]), [f"hmac:{hm_secret}"])
custom = "header=X-Signature;prefix=sha256=;encoding=hex;algorithm=sha256;" \
         "template={header:X-Timestamp}.{body}"
ts_content = b"1700000000." + hm_body
case("hmac custom template with timestamp header",
     [("X-Timestamp", "1700000000"), ("X-Signature", "sha256=" + hexmac(hm_secret, ts_content))],
     hm_body,
     exp("valid", "hmac", "X-Signature", "hmac #1", ["header X-Timestamp + \".\" + raw body"]),
     [f"hmac:{hm_secret}"], hmac_specs=[custom])
case("hmac custom template, timestamp header missing",
     [("X-Signature", "sha256=" + hexmac(hm_secret, ts_content))], hm_body,
     exp("invalid", "hmac", "X-Signature", "", ["needs header X-Timestamp"]),
     [f"hmac:{hm_secret}"], hmac_specs=[custom])
case("hmac custom missing prefix",
     [("X-Timestamp", "1700000000"), ("X-Signature", hexmac(hm_secret, ts_content))], hm_body,
     exp("invalid", "hmac", "X-Signature", "", ['expected the prefix "sha256="']),
     [f"hmac:{hm_secret}"], hmac_specs=[custom])
custom512 = "header=X-Body-Mac;encoding=base64;algorithm=SHA512;template={method} {target}\n{body}"
case("hmac custom base64 sha512 over method and target",
     [("X-Body-Mac", b64mac(hm_secret.encode(), b"POST /hooks/a?x=1\n" + hm_body, "sha512"))],
     hm_body, exp("valid", "hmac", "X-Body-Mac", "hmac #1", ["HMAC-SHA512"]),
     [f"hmac:{hm_secret}"], hmac_specs=[custom512])

# ---------------------------------------------------------------- scheme precedence
case("solaris header decides over a GitHub one",
     [(GH, gh_sig), (SOL, "sha256=" + hexmac(s1, gh_body))], gh_body,
     exp("valid", "solaris", SOL, "solaris #1"), ["solaris:" + s1, f"github:{gh_secret}"])
case("subscription request recognised by its header alone",
     [("solaris-webhook-event-type", "webhook-subscription")], b"",
     exp("unsigned", "solaris", "", "", ["WEBHOOK-SUBSCRIPTION"]), [])

# ---------------------------------------------------------------- none
case("unsigned", [("Content-Type", "application/json")], b"{}",
     exp("unsigned", "", "", "", ["No signature header", "Stripe-Signature"]),
     ["solaris:" + s1])
case("unsigned without secrets", [], b"", exp("unsigned"), [])

print(json.dumps({"comment": __doc__.strip().splitlines()[0], "cases": cases}, indent=1,
                 ensure_ascii=False))
