"""``WAGTAIL_FINISH_WORKFLOW_ACTION``: a reviewer's approval (``review.publish_reviewed``).

Wagtail imports this setting's function while ``wagtail.models`` is being defined, so this
module imports nothing at load time.
"""


def publish_reviewed(workflow_state, user=None):
    # Imported here: wagtail.models imports this module before it is complete itself.
    from translations.review import publish_reviewed as publish  # noqa: PLC0415

    return publish(workflow_state, user=user)
