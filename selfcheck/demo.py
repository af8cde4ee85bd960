"""The demo self-check: the three answer options and ten statements in English, translated and
reviewed (published) in every other language through wagtail-localize, as the demo's skills are.
Called by ``load_demo_content`` once the skills exist; safe to run again."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from resources.models import SoftSkill
from selfcheck.models import AnswerOption, Statement

DATA = Path(__file__).with_name("demo_statements.json")
OPTIONS = Path(__file__).with_name("demo_options.json")


def read_data(path=DATA):
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def load(log=print, data=None, options=None):
    data = data or read_data()
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    load_options(source, options or read_data(OPTIONS), log)
    skills = dict(SoftSkill.objects.filter(locale=source).values_list("slug", "pk"))
    statements = []
    for item in data:
        statement = Statement.objects.filter(locale=source, number=item["number"]).first()
        statement = statement or Statement(locale=source, number=item["number"])
        statement.text = item["text"][settings.LANGUAGE_CODE]
        statement.skills = [
            {"type": "skill", "value": {"skill": skills[slug], "weight": weight}}
            for slug, weight in item["skills"].items()
            if slug in skills
        ]
        statement.save()
        statement.save_revision().publish()
        statements.append((statement, item["text"]))
    translate_all(statements, source)
    log(f"  self-check statements: {len(statements)}")
    return [statement for statement, _texts in statements]


def load_options(source, data, log):
    """The answer scale: each option published in English, then translated and reviewed."""
    options = []
    for item in data:
        option = AnswerOption.objects.filter(locale=source, value=item["value"]).first()
        option = option or AnswerOption(locale=source, value=item["value"])
        option.label = item["label"][settings.LANGUAGE_CODE]
        option.save()
        option.save_revision().publish()
        options.append((option, item["label"]))
    translate_all(options, source)
    log(f"  self-check answer options: {len(options)}")


def translate_all(items, source):
    """Translate each (snippet, {language: text}) into every other language, reviewed."""
    locales = list(Locale.objects.exclude(pk=source.pk))
    for item, texts in items:
        # One source per item, read once: updating it again for each language would make the
        # languages translated before look outdated (synced before the source's last update).
        fresh = type(item).objects.get(pk=item.pk)
        translation_source, _created = TranslationSource.update_or_create_from_instance(fresh)
        for locale in locales:
            if locale.language_code in texts:
                translate(translation_source, locale, texts)


def translate(source, locale, texts):
    """The reviewed translation of a snippet's translation ``source`` (one text: a statement's
    text, an option's label) into ``locale`` (its text from ``texts``)."""
    target, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context_id=segment.context_id,
            defaults={
                "data": StringValue.from_plaintext(texts[locale.language_code]).data,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    target.save_target(publish=True)
