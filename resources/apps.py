from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Guides and good practices")

    def ready(self):
        from taggit.models import Tag  # models are importable only once the apps are ready
        from wagtail.signals import published  # imports wagtail.models: likewise

        from core.fragments import rebuild_after_change
        from resources import tag_labels  # imports the models through taggit and wagtail
        from resources.listing import rebuild_listings

        post_save.connect(tag_labels.tag_created, sender=Tag, dispatch_uid="tag-label")
        published.connect(
            tag_labels.label_published, sender=self.get_model("TagLabel"), dispatch_uid="tag-label"
        )
        rebuild_after_change(rebuild_listings)
