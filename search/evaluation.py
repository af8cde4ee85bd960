"""Relevance evaluation on a corpus in the search-bench format (see docs/search.md).

``load_corpus`` creates the documents as real pages in their languages; ``evaluate`` runs each
query through ``search.query.search_resources`` — the public search page's code path — and
scores the top ten with nDCG@10, recall@10 and MRR.
"""

import json
import math
from collections import defaultdict
from pathlib import Path

from wagtail.models import Locale

from resources import factory
from resources.models import SoftSkill


def read_jsonl(path):
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_corpus(corpus_dir, skills_file=None, log=lambda msg: None):
    """Create every document of ``corpus_dir/<lang>.jsonl`` as a live page in its language.

    Each language gets a home page and index pages if it has none (``resources.factory``); its
    soft skills are named from ``skills_file`` (the demo content's skills.json) when given.
    """
    skill_names = {}
    if skills_file and Path(skills_file).exists():
        for item in json.loads(Path(skills_file).read_text(encoding="utf-8")):
            skill_names[item["slug"]] = item["name"]
    created = 0
    for path in sorted(Path(corpus_dir).glob("*.jsonl")):
        lang = path.stem
        locale, _ = Locale.objects.get_or_create(language_code=lang)
        indexes = factory.index_pages(factory.home_page(locale))
        skills = {}
        for doc in read_jsonl(path):
            for slug in doc.get("skills", []):
                if slug not in skills:
                    name = skill_names.get(slug, {}).get(lang) or slug.replace("-", " ")
                    skills[slug] = factory.snippet(
                        SoftSkill, slug=slug, locale=locale, update=False, name=name
                    )
            factory.document_resource(indexes, doc, skills)
            created += 1
        log(f"  {lang}: {created} pages so far")
    return created


def dcg(gains):
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def score(ranked_ids, relevant):
    top = ranked_ids[:10]
    gains = [relevant.get(doc_id, 0) for doc_id in top]
    ideal = dcg(sorted(relevant.values(), reverse=True)[:10])
    ndcg = dcg(gains) / ideal if ideal else 0.0
    judged = [doc_id for doc_id, grade in relevant.items() if grade >= 1]
    recall = len([d for d in top if relevant.get(d, 0) >= 1]) / len(judged) if judged else 0.0
    mrr = next((1 / (rank + 1) for rank, d in enumerate(top) if relevant.get(d, 0) >= 2), 0.0)
    return {"ndcg@10": ndcg, "recall@10": recall, "mrr": mrr}


def evaluate(queries, search):
    """``search(query, lang)`` → ranked document ids. Returns per-language, per-kind (the
    queries' ``kind``: exact, inflection, accents, …) and overall means."""
    per_lang = defaultdict(list)
    per_kind = defaultdict(list)
    per_query = []
    for item in queries:
        ranked = search(item["query"], item["lang"])
        result = score(ranked, item["relevant"])
        per_lang[item["lang"]].append(result)
        per_kind[item.get("kind") or "-"].append(result)
        per_query.append(
            {"qid": item["qid"], "kind": item.get("kind"), **result, "top": ranked[:10]}
        )

    def mean(rows):
        return {
            key: round(sum(r[key] for r in rows) / len(rows), 4) if rows else 0.0
            for key in ("ndcg@10", "recall@10", "mrr")
        }

    every = [r for rows in per_lang.values() for r in rows]
    return {
        "per_lang": {lang: mean(rows) for lang, rows in sorted(per_lang.items())},
        "per_kind": {kind: mean(rows) for kind, rows in sorted(per_kind.items())},
        "overall": mean(every),
        "queries": per_query,
    }
