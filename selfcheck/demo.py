"""The demo self-check: ten statements in English, translated and reviewed (published) in every
other language through wagtail-localize, as the demo's skills are. Called by
``load_demo_content`` once the skills exist; safe to run again."""

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
from selfcheck.models import Statement

DATA = Path(__file__).with_name("demo_statements.json")


def read_data():
    return json.loads(DATA.read_text(encoding="utf-8"))


@transaction.atomic
def load(log=print, data=None):
    data = data or read_data()
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
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
    locales = list(Locale.objects.exclude(pk=source.pk))
    for statement, texts in statements:
        # One source per statement, read once: updating it again for each language would make
        # the languages translated before look outdated (synced before the source's last update).
        fresh = Statement.objects.get(pk=statement.pk)
        translation_source, _created = TranslationSource.update_or_create_from_instance(fresh)
        for locale in locales:
            if locale.language_code in texts:
                translate(translation_source, locale, texts)
    log(f"  self-check statements: {len(statements)}")
    return [statement for statement, _texts in statements]


def translate(source, locale, texts):
    """The reviewed translation of a statement's translation ``source`` into ``locale`` (its
    text from ``texts``)."""
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
