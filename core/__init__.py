"""The shared core under every app: plain helpers with no models and no first-party imports.

``pages`` (what every translatable page shares, and its English stand-in until a translation is
published), ``text`` (plain text of rich text and StreamField values) and ``analysis`` (the
language analysis that indexing and queries share, so the four search backends behave alike).
"""
