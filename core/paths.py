"""Addresses built from the request's own path, kept on this host."""

# Browsers read "//host/…" and "/\host/…" as another host (a scheme-relative address), and drop
# tabs and newlines inside a URL before reading it.
_LEADING = "/\\\t\n\r "


def local_path(path: str) -> str:
    """``path`` (a request's path, with or without its query) as an address on this host only.

    ``//evil.example/en/x`` and ``/\\evil.example`` become ``/evil.example/en/x`` and
    ``/evil.example``: one leading slash, so the address can never leave the site.
    """
    return "/" + path.lstrip(_LEADING)
