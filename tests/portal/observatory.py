"""Mozilla HTTP Observatory's scoring, applied to Django test responses.

Follows the published rules: the score table of the Observatory's scoring document and the tests
of its scanner (mdn/mdn-http-observatory, ``src/grader/charts.js`` and
``src/analyzer/tests/*.js``; the tests and modifiers of httpobs' ``docs/scoring.md``, plus the
cross-origin opener and embedder policies scored since 2026). Every site starts at 100;
penalties always count, bonuses only when the score without them is at least 90; the grade comes
from the score rounded down to a multiple of 5 (100 and more: A+).

What a scanner sees over the network and a test client cannot is passed in: the chain of
addresses an ``http://`` request was redirected through, and the answer to a request sent with an
``Origin`` header (CORS). The HSTS preload list is not consulted (the portal is not on it), so
``hsts-preloaded`` never applies.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90

SCORE_TABLE = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-implemented-but-duplicate-directives": 0,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # Cross-origin resource sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # Redirection
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    # Referrer policy
    "referrer-policy-private": 5,
    "referrer-policy-no-referrer-when-downgrade": 0,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # Strict transport security
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    # Subresource integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    # X-Content-Type-Options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # X-Frame-Options
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 5,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    # Cross-origin resource policy
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
    # Cross-origin opener policy
    "coop-implemented-with-same-origin": 10,
    "coop-implemented-with-same-origin-allow-popups": 10,
    "coop-implemented-with-noopener-allow-popups": 10,
    "coop-implemented-with-unsafe-none": 0,
    "coop-not-implemented": 0,
    "coop-header-invalid": -5,
    # Cross-origin embedder policy
    "coep-implemented-with-require-corp": 10,
    "coep-implemented-with-credentialless": 10,
    "coep-implemented-with-unsafe-none": 0,
    "coep-not-implemented": 0,
    "coep-header-invalid": -5,
}

DANGEROUSLY_BROAD = {
    "ftp:",
    "http:",
    "https:",
    "*",
    "http://*",
    "http://*.*",
    "https://*",
    "https://*.*",
}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
PASSIVE_DIRECTIVES = {"img-src", "media-src"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
SIX_MONTHS = 15_552_000
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class Report:
    url: str
    results: dict = field(default_factory=dict)  # test name -> expectation
    score: int = 0
    grade: str = ""

    def modifiers(self):
        return {test: (result, SCORE_TABLE[result]) for test, result in self.results.items()}

    def __str__(self):
        lines = [f"{self.url}: {self.score} ({self.grade})"]
        for test, (result, modifier) in sorted(self.modifiers().items()):
            lines.append(f"  {modifier:+4d}  {test}: {result}")
        return "\n".join(lines)


SCANNER_ORIGIN = "https://http-observatory.security.mozilla.org"  # the Origin it sends (CORS)


def score(response, *, url, http_chain, cors_response=None, other_responses=()):
    """The Observatory's report for ``response`` (the answer to ``url``, over https).

    ``http_chain``: the addresses the same address over ``http://`` went through, the first one
    included (``[]`` when nothing answers over http). ``cors_response``: the answer to the same
    request with ``Origin: SCANNER_ORIGIN``. ``other_responses``: the redirects on the way, whose
    cookies the scanner's cookie jar keeps too.
    """
    headers = {name.lower(): value for name, value in response.items()}
    body = response.content.decode(response.charset or "utf-8", "replace")
    is_html = headers.get("content-type", "").split(";", 1)[0].strip() in HTML_TYPES
    doc = BeautifulSoup(body, "html.parser") if is_html else None
    equiv = http_equiv(doc)
    https = urlsplit(url).scheme == "https"
    hsts = strict_transport_security(headers, https)
    csp_result, csp = content_security_policy(headers, equiv, https)
    results = {
        "content-security-policy": csp_result,
        "cookies": cookies([response, *other_responses], hsts),
        "cross-origin-resource-sharing": cross_origin_resource_sharing(cors_response),
        "redirection": redirection(http_chain),
        "referrer-policy": referrer_policy(headers, equiv),
        "strict-transport-security": hsts,
        "subresource-integrity": subresource_integrity(doc, is_html, url),
        "x-content-type-options": x_content_type_options(headers),
        "x-frame-options": x_frame_options(headers, csp),
        "cross-origin-resource-policy": cross_origin_resource_policy(headers, equiv),
        "cross-origin-opener-policy": structured_token(headers, "cross-origin-opener-policy"),
        "cross-origin-embedder-policy": structured_token(headers, "cross-origin-embedder-policy"),
    }
    modifiers = [SCORE_TABLE[result] for result in results.values()]
    with_extra_credit = 100 + sum(modifiers)
    uncurved = 100 + sum(modifier for modifier in modifiers if modifier < 0)
    total = with_extra_credit if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved
    total = max(total, 0)
    grade = next(grade for floor, grade in GRADES if min(total - total % 5, 100) >= floor)
    return Report(url=url, results=results, score=total, grade=grade)


def http_equiv(doc):
    equiv = {}
    if doc is None:
        return equiv
    for meta in doc.find_all("meta", attrs={"http-equiv": True}):
        name = meta["http-equiv"].strip().lower()
        equiv.setdefault(name, []).append(meta.get("content", ""))
    for meta in doc.find_all("meta", attrs={"name": "referrer"}):
        equiv.setdefault("referrer-policy", []).append(meta.get("content", ""))
    return equiv


# Content Security Policy


def parse_csp(policies):
    """Directive -> set of sources (lower case); raises ValueError where the scanner fails.

    Several policies combine as the scanner does only when they repeat the same sources; the
    portal sends one policy.
    """
    csp = {}
    for index, policy in enumerate(policies):
        policy = re.sub(r"[\r\n]", "", policy).strip()
        if len(policy) < len("img-src") - 1:
            raise ValueError(f"invalid policy: {policy!r}")
        seen = set()
        for entry in policy.split(";"):
            directive, *sources = entry.strip().split()
            directive = directive.lower()
            if directive in seen and directive not in ("report-uri", "report-to"):
                raise ValueError(f"duplicate directive {directive}")
            seen.add(directive)
            values = {source.lower() for source in sources}
            if not values and directive.endswith("-src"):
                values = {"'none'"}
            if index and directive in csp:
                values &= csp[directive]
            csp[directive] = values or {"'none'"}
    return csp


def split_policies(values):
    return [policy.strip() for value in values for policy in value.split(",")]


def content_security_policy(headers, equiv, https):
    header_policies = (
        split_policies([headers["content-security-policy"]])
        if ("content-security-policy" in headers)
        else []
    )
    meta_policies = split_policies(equiv.get("content-security-policy", []))
    try:
        csp = parse_csp(header_policies + meta_policies)
        header_csp = parse_csp(header_policies)
        meta_csp = parse_csp(meta_policies)
    except ValueError:
        return "csp-header-invalid", {}
    for directive in ("frame-ancestors", "report-uri", "sandbox"):
        meta_csp.pop(directive, None)
    if not header_csp and not meta_csp:
        if "content-security-policy-report-only" in headers:
            return "csp-not-implemented-but-reporting-enabled", {}
        return "csp-not-implemented", {}

    def sources(directive, fallback=True):
        found = csp.get(directive) or (csp.get("default-src") if fallback else None)
        return set(found or {"*"})

    object_src = sources("object-src")
    script_src = sources("script-src")
    style_src = sources("style-src")
    for source_list in (script_src, style_src):
        if any(s.startswith(NONCES_HASHES) for s in source_list):
            source_list.discard("'unsafe-inline'")
    result = None
    if any(s.startswith(NONCES_HASHES) for s in script_src) and "'strict-dynamic'" in script_src:
        script_src = {
            s
            for s in script_src
            if not (
                any(s.startswith(b) for b in DANGEROUSLY_BROAD)
                or s in ("'self'", "'unsafe-inline'")
            )
        }
    elif "'strict-dynamic'" in script_src:
        result = "csp-header-invalid"
    active = [
        s
        for directive, values in csp.items()
        if directive not in PASSIVE_DIRECTIVES and directive != "script-src"
        for s in values
    ] + list(script_src)
    passive = [
        s
        for directive in PASSIVE_DIRECTIVES
        for s in (csp.get(directive) or csp.get("default-src") or ())
    ]
    insecure = ("http:", "ftp:")
    checks = [
        (
            script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD,
            "csp-implemented-with-unsafe-inline",
        ),
        (
            https and any(s.startswith(insecure) for s in active),
            "csp-implemented-with-insecure-scheme",
        ),
        ("'unsafe-eval'" in script_src | style_src, "csp-implemented-with-unsafe-eval"),
        (
            https and any(s.startswith(insecure) for s in passive),
            "csp-implemented-with-insecure-scheme-in-passive-content-only",
        ),
        (
            style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE),
            "csp-implemented-with-unsafe-inline-in-style-src-only",
        ),
        (csp.get("default-src") == {"'none'"}, "csp-implemented-with-no-unsafe-default-src-none"),
        (True, "csp-implemented-with-no-unsafe"),
    ]
    result = result or next(expectation for failed, expectation in checks if failed)
    return result, csp


# Cookies


def cookies(responses, hsts_result):
    morsels = {name: m for response in responses for name, m in response.cookies.items()}
    if not morsels:
        return "cookies-not-found"
    hsts = hsts_result in ("hsts-implemented-max-age-at-least-six-months", "hsts-preloaded")
    order = [  # better to worse, as the scanner ranks them
        "cookies-without-secure-flag-but-protected-by-hsts",
        "cookies-without-secure-flag",
        "cookies-session-without-secure-flag-but-protected-by-hsts",
        "cookies-samesite-flag-invalid",
        "cookies-anticsrf-without-samesite-flag",
        "cookies-session-without-httponly-flag",
        "cookies-session-without-secure-flag",
    ]
    found = []
    missing_samesite = False
    for name, morsel in morsels.items():
        secure = bool(morsel["secure"])
        httponly = bool(morsel["httponly"])
        samesite = str(morsel["samesite"]).strip().lower()
        session = any(part in name.lower() for part in ("login", "sess"))
        anticsrf = "csrf" in name.lower()
        written = "samesite" in morsel.OutputString().lower()
        if written and samesite not in ("lax", "strict", "none"):
            found.append("cookies-samesite-flag-invalid")
        if not secure and samesite == "none":
            found.append("cookies-samesite-flag-invalid")
        if not secure:
            found.append(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-without-secure-flag"
            )
        if anticsrf and not samesite:
            found.append("cookies-anticsrf-without-samesite-flag")
        if session and not secure:
            found.append(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-session-without-secure-flag"
            )
        if session and not httponly:
            found.append("cookies-session-without-httponly-flag")
        missing_samesite = missing_samesite or not samesite
    if found:
        return max(found, key=order.index)
    if missing_samesite:
        return "cookies-secure-with-httponly-sessions"
    return "cookies-secure-with-httponly-sessions-and-samesite"


# The other tests


def cross_origin_resource_sharing(cors_response):
    if cors_response is None or "Access-Control-Allow-Origin" not in cors_response:
        return "cross-origin-resource-sharing-not-implemented"
    allowed = cors_response["Access-Control-Allow-Origin"].strip().lower()
    if allowed == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    credentials = cors_response.get("Access-Control-Allow-Credentials", "").strip().lower()
    if credentials == "true" and allowed == SCANNER_ORIGIN:
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def redirection(chain):
    if not chain:
        return "redirection-not-needed-no-http"
    if len(chain) == 1:
        return "redirection-missing"
    first, second, last = (urlsplit(url) for url in (chain[0], chain[1], chain[-1]))
    if last.scheme != "https":
        return "redirection-not-to-https"
    if second.scheme == "http":
        return "redirection-not-to-https-on-initial-redirection"
    if first.scheme == "http" and second.scheme == "https" and first.hostname != second.hostname:
        return "redirection-off-host-from-http"
    return "redirection-to-https"


def referrer_policy(headers, equiv):
    good = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]
    bad = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"]
    values = ([headers["referrer-policy"]] if "referrer-policy" in headers else []) + equiv.get(
        "referrer-policy", []
    )
    if not values:
        return "referrer-policy-not-implemented"
    policies = [p.strip().lower() for p in ", ".join(values).split(",")]
    valid = [p for p in policies if p in good + bad]
    policy = valid[-1] if valid else ""
    if policy in good:
        return "referrer-policy-private"
    if policy in bad:
        return "referrer-policy-unsafe"
    return "referrer-policy-header-invalid"


def strict_transport_security(headers, https):
    if not https:
        return "hsts-not-implemented-no-https"
    value = headers.get("strict-transport-security")
    if value is None:
        return "hsts-not-implemented"
    value = value[:1024]
    if "," in value:
        return "hsts-header-invalid"
    max_age = None
    for parameter in (p.strip().lower() for p in value.split(";")):
        if parameter.startswith("max-age="):
            try:
                max_age = int(parameter[8:128])
            except ValueError:
                return "hsts-header-invalid"
    if max_age is None:
        return "hsts-header-invalid"
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


def subresource_integrity(doc, is_html, url):
    if not is_html:
        return "sri-not-implemented-response-not-html"
    scripts = doc.find_all("script")
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    order = [
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        "sri-not-implemented-response-not-html",
    ]
    result = None
    foreign = False
    host = urlsplit(url).hostname
    for script in scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        relative_protocol = bool(re.match(r"^//[^/]", src))
        full = bool(re.match(r"^https?://", src))
        relative_origin = not relative_protocol and not full
        same_domain = (
            relative_protocol or relative_origin or second_level(src) == second_level(host)
        )
        secure_origin = relative_origin or (same_domain and not relative_protocol)
        scheme = urlsplit(src).scheme if full else None
        secure_scheme = scheme == "https" or (relative_origin and url.startswith("https:"))
        if not secure_origin:
            foreign = True
            if integrity and not secure_scheme:
                found = "sri-implemented-but-external-scripts-not-loaded-securely"
            elif not integrity and secure_scheme:
                found = "sri-not-implemented-but-external-scripts-loaded-securely"
            elif not integrity:
                found = "sri-not-implemented-and-external-scripts-not-loaded-securely"
            else:
                continue
            if result is None or order.index(found) > order.index(result):
                result = found
        elif integrity and secure_scheme and result is None:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if result:
        return result
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def second_level(address):
    host = urlsplit(address).hostname if "//" in address else address
    return ".".join((host or "").split(".")[-2:])


def x_content_type_options(headers):
    value = headers.get("x-content-type-options")
    if not value:
        return "x-content-type-options-not-implemented"
    if value[:256].strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def x_frame_options(headers, csp):
    if "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp"
    value = headers.get("x-frame-options")
    if not value:
        return "x-frame-options-not-implemented"
    value = value[:1024].strip().lower()
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def cross_origin_resource_policy(headers, equiv):
    value = headers.get("cross-origin-resource-policy") or (
        equiv["cross-origin-resource-policy"][-1]
        if equiv.get("cross-origin-resource-policy")
        else ""
    )
    if not value:
        return "corp-not-implemented"
    return {
        "same-site": "corp-implemented-with-same-site",
        "same-origin": "corp-implemented-with-same-origin",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value[:256].strip().lower(), "corp-header-invalid")


def structured_token(headers, name):
    """Cross-Origin-Opener-Policy / -Embedder-Policy: a structured-field token (parameters
    after ``;`` ignored)."""
    prefix = {"cross-origin-opener-policy": "coop", "cross-origin-embedder-policy": "coep"}[name]
    value = headers.get(name)
    if value is None:
        return f"{prefix}-not-implemented"
    token = value[:1024].split(";", 1)[0].strip()
    if not re.fullmatch(r"[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*", token):
        return f"{prefix}-header-invalid"
    result = f"{prefix}-implemented-with-{token}"
    return result if result in SCORE_TABLE else f"{prefix}-header-invalid"
