from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and the API")

    def ready(self) -> None:
        from campaigns.signals import experiment_event, message_event, messages_event
        from partners.egress import register_surfaces
        from partners.erasure import register_handlers
        from partners.models import ApiKey, Partner

        message_event.connect(_message_event, dispatch_uid="partners-webhooks")
        messages_event.connect(_messages_event, dispatch_uid="partners-webhooks-batch")
        experiment_event.connect(_experiment_event, dispatch_uid="partners-webhooks-experiment")
        register_handlers()
        register_surfaces()
        for model in (ApiKey, Partner):
            post_save.connect(_keys_changed, sender=model, dispatch_uid=f"partners-keys-{model}")
            post_delete.connect(_keys_changed, sender=model, dispatch_uid=f"partners-keyd-{model}")


# What publishing announces, and the webhook event partners receive for it.
WEBHOOK_EVENTS = {
    "message.published": "message.published",
    "message.updated": "message.updated",
    "message.withdrawn": "message.withdrawn",
    # A schedule that ended takes the message down, like a withdrawal, for partners.
    "message.unpublished": "message.withdrawn",
}


def _message_event(sender, message, event, **kwargs) -> None:
    """Publishing changed a message's public state: write the partners' outbox rows."""
    from partners.services import enqueue_message_event

    webhook_event = WEBHOOK_EVENTS.get(event)
    if webhook_event is not None:
        enqueue_message_event(message=message, event=webhook_event)


def _messages_event(sender, messages, event, **kwargs) -> None:
    """The publisher changed a batch of messages: the same, looking partners up once."""
    from partners.services import enqueue_message_events

    webhook_event = WEBHOOK_EVENTS.get(event)
    if webhook_event is not None:
        enqueue_message_events(messages=messages, event=webhook_event)


def _experiment_event(sender, experiment, event, **kwargs) -> None:
    """An experiment started or stopped: tell the partners that serve its variants."""
    from partners.services import enqueue_experiment_event

    enqueue_experiment_event(experiment=experiment, event=event)


def _keys_changed(sender, **kwargs) -> None:
    """A key or a partner changed here: this process reads keys afresh (others within 1 s)."""
    from partners.authentication import forget_keys

    forget_keys()
