"""The self-check's answers and what they recommend.

``statements(language)``: the live statements in the visitor's language, an English one where
the language has no reviewed (live, approved) translation yet (``Shown.lang`` is then "en"), in
one query.

``options(language)``: the answer scale, the live ``AnswerOption``s in the same way (English
stand-ins marked "en"; both through ``in_language``), in one query; the built-in scale
(``BUILT_IN``: 0 not at all, 1 a little, 2 a lot, translated by gettext) while no English
option is live.

``parse_answers(query, statements, options)``: the answers in an address
(``a<number>=<value>``, a value of the options); unknown numbers and values are ignored.

``recommend(answers, statements, language)``: score per soft skill = Σ value × weight; each
live public resource of the language scores the sum of its skills' scores; guides first, then
good practices and case studies, each kind by score. Four queries whatever the content size.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.pages import public
from resources.listing import cards
from resources.models import KnowledgePage, SoftSkill
from selfcheck.models import AnswerOption, Statement

# The scale of a site whose editors have published no English answer option yet.
BUILT_IN = (
    (0, gettext_noop("Not at all")),
    (1, gettext_noop("A little")),
    (2, gettext_noop("A lot")),
)
ANSWER_NAME = re.compile(r"a([0-9]{1,5})")
PER_KIND = 5  # recommendations shown per kind of resource
KIND_ORDER = ("guide",)  # guides first; the other kinds follow in the kind registry's order


@dataclass
class Shown:
    """A statement as the visitor sees it: ``lang`` is set when it is the English stand-in."""

    number: int
    text: str
    lang: str
    weights: list  # (English skill pk, weight)
    answer: int | None = None

    @property
    def name(self):
        return f"a{self.number}"


@dataclass
class Option:
    """An answer option as the visitor sees it: ``lang`` is set when it is the English stand-in."""

    value: int
    label: str
    lang: str = ""


@dataclass
class Recommendation:
    page: object
    score: int
    skills: list = field(default_factory=list)  # skill names in the language
    because: list = field(default_factory=list)  # the statements that point to it


def live_rows(model, language, *fields):
    """The live rows of ``model`` in English and ``language``: (translation_key, language code,
    *fields), leaving out a translation nobody reviewed yet. "Translate" in the admin makes the
    translation a live copy of the English row, live revision included (the English one's); the
    translation's own revision becomes live when its reviewer approves it. (A row made live in
    code, without revision, counts as reviewed.)"""
    source = settings.LANGUAGE_CODE
    rows = model.objects.filter(
        live=True, locale__language_code__in={source, language}
    ).values_list(
        "translation_key", "locale__language_code", "pk", "live_revision__object_id", *fields
    )
    return [
        (key, code, *values)
        for key, code, pk, revision_of, *values in rows
        if code == source or revision_of is None or revision_of == str(pk)
    ]


def in_language(model, language, text_field, *fields):
    """The live English rows of ``model`` as ``language`` shows them: ([*fields of the English
    row], text, lang), the text being the reviewed translation's ``text_field`` (lang "") or, where
    the language has none, the English one (lang "en", the stand-in). One query."""
    source = settings.LANGUAGE_CODE
    english, translated = {}, {}
    for key, code, text, *values in live_rows(model, language, text_field, *fields):
        if code == source:
            english[key] = (values, text)
        else:
            translated[key] = text
    stand_in = source if language != source else ""
    return [
        (values, translated[key], "") if key in translated else (values, text, stand_in)
        for key, (values, text) in english.items()
    ]


def statements(language):
    """The statements to show in ``language``, ordered by number."""
    rows = in_language(Statement, language, "text", "number", "skills")
    shown = [
        Shown(number, text, lang, Statement(skills=skills).skill_weights())
        for (number, skills), text, lang in rows
    ]
    return sorted(shown, key=lambda s: s.number)


def options(language):
    """The answer scale in ``language``, ordered by value: the live options (an English stand-in
    where the language has no live translation), else the built-in scale."""
    rows = in_language(AnswerOption, language, "label", "value")
    if not rows:
        return [Option(value, _(label)) for value, label in BUILT_IN]
    shown = [Option(value, label, lang) for (value,), label, lang in rows]
    return sorted(shown, key=lambda o: o.value)


def parse_answers(query, shown, scale):
    """Set ``answer`` on each statement from ``query`` (a QueryDict), a value of the options
    ``scale``; returns how many were answered. Unknown names, numbers and values are ignored."""
    by_name = {s.name: s for s in shown}
    values = {str(option.value) for option in scale}
    count = 0
    for name, value in query.items():
        statement = by_name.get(name) if ANSWER_NAME.fullmatch(name) else None
        if statement is None or value not in values:
            continue
        statement.answer = int(value)
        count += 1
    return count


def skill_scores(shown):
    """English skill pk → Σ answer value × weight, over the answered statements."""
    scores = {}
    for statement in shown:
        if statement.answer:
            for skill, weight in statement.weights:
                scores[skill] = scores.get(skill, 0) + statement.answer * weight
    return scores


def recommend(shown, language):
    """The recommended resources, by kind (guides first) then score: a list of
    ``(kind label, [Recommendation])``."""
    scores = skill_scores(shown)
    if not scores:
        return []
    skills = SoftSkill.objects.filter(pk__in=scores).values_list("pk", "translation_key")
    by_key = {key: scores[pk] for pk, key in skills}
    english_pk = {key: pk for pk, key in skills}
    rows = (
        public(KnowledgePage.objects.listed())
        .filter(locale__language_code=language, skill_links__skill__translation_key__in=by_key)
        .values_list("pk", "content_type_id", "skill_links__skill__translation_key")
    )
    page_score, page_kind, page_skills = {}, {}, {}
    for pk, content_type_id, key in rows:
        if key in page_skills.setdefault(pk, []):
            continue
        page_skills[pk].append(key)
        page_score[pk] = page_score.get(pk, 0) + by_key[key]
        page_kind[pk] = content_type_id
    kinds = list(KnowledgePage.kinds())
    order = [*KIND_ORDER, *(k for k in kinds if k not in KIND_ORDER)]
    kind_of = {}
    for content_type_id in set(page_kind.values()):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        kind_of[content_type_id] = getattr(model, "kind", "")
    chosen = {}
    for pk in sorted(page_score, key=lambda pk: (-page_score[pk], pk)):
        kind = kind_of[page_kind[pk]]
        if kind in order and len(chosen.setdefault(kind, [])) < PER_KIND:
            chosen[kind].append(pk)
    ids = [pk for kind in order for pk in chosen.get(kind, [])]
    pages = {page.pk: page for page in cards(KnowledgePage, ids)}
    names = skill_names({key for keys in page_skills.values() for key in keys}, language)
    groups = []
    for kind in order:
        items = []
        for pk in chosen.get(kind, []):
            if pk not in pages:
                continue
            keys = sorted(page_skills[pk], key=lambda k: (-by_key[k], names.get(k, ("", ""))[0]))
            because = [
                s
                for s in shown
                if s.answer and any(english_pk.get(k) in dict(s.weights) for k in keys)
            ]
            items.append(
                Recommendation(
                    pages[pk], page_score[pk], [names[k] for k in keys if k in names], because
                )
            )
        if items:
            groups.append((items[0].page.kind_class._meta.verbose_name_plural, items))
    return groups


def skill_names(keys, language):
    """translation_key → (name, lang) of the live skill in ``language``, else the English one
    (with lang "en")."""
    source = settings.LANGUAGE_CODE
    rows = SoftSkill.objects.filter(
        translation_key__in=keys, live=True, locale__language_code__in={source, language}
    ).values_list("translation_key", "locale__language_code", "name")
    names = {}
    for key, code, name in rows:
        if code == language:
            names[key] = (name, "")
        elif key not in names:
            names[key] = (name, source if language != source else "")
    return names
