"""A stock Wagtail project for the relevance baseline (benchmarks/stock_wagtail_baseline.py).

One plain page model indexed the way the Wagtail tutorial does it, Wagtail's search backend at
its default settings, Wagtail i18n with one locale per language. Nothing of the portal's
search (analysis, boosts, labels, spelling) is used.
"""
