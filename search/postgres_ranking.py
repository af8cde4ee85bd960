"""PostgreSQL ranking with field weights in proportion to the fields' boosts.

modelsearch's PostgreSQL backend gives each field one of the four tsvector weights A–D, by its
``boost``, and ranks with ``ts_rank`` over the values of those letters. It derives the values
from the boosts of every indexed model, but fills the letters no boost claims with boost 0 and
then shifts all of them by that minimum: with Wagtail's images and documents (boost 10) and
ours (4 for the analysed title, 2 for labels, none for the body), a field without a boost
weighs 0.0099 against the title terms' 0.41 — 41 to 1, where the engines rank 4 to 1. A rare
query word that only the body or summary of the relevant page holds ("хибридна") was then
outranked by any title with the query's common word ("работа").

``ProportionalWeightsPostgresSearchBackend`` keeps modelsearch's letters (the index is
unchanged) and ranks with each letter valued at its boost divided by the largest, a field
without a boost counting as boost 1, as on Elasticsearch and OpenSearch.
"""

from modelsearch.backends.database.postgres import weights
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

UNBOOSTED = 1.0  # what a field without a boost weighs on the engines


def proportional_weights(boosts_weights) -> list:
    """The values of the letters D, C, B, A (``ts_rank``'s order) for modelsearch's
    ``[(boost, letter), …]``: boost / largest boost, a letter whose boost is missing or not
    positive (the letter of the fields without a boost) taken as ``UNBOOSTED``."""
    boost_of = {letter: boost for boost, letter in boosts_weights}
    values = [
        boost_of[letter] if boost_of.get(letter) and boost_of[letter] > 0 else UNBOOSTED
        for letter in reversed(weights.WEIGHTS)
    ]
    largest = max(values)
    return [round(value / largest, 4) for value in values]


def sql_weights() -> str:
    """``proportional_weights`` as the array literal ``ts_rank`` takes."""
    return "{" + ",".join(map(str, proportional_weights(weights.BOOSTS_WEIGHTS))) + "}"


class ProportionalWeightsQueryCompiler(PostgresSearchQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sql_weights = sql_weights()


class ProportionalWeightsAutocompleteQueryCompiler(PostgresAutocompleteQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sql_weights = sql_weights()


class ProportionalWeightsPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = ProportionalWeightsQueryCompiler
    autocomplete_query_compiler_class = ProportionalWeightsAutocompleteQueryCompiler
