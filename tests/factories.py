"""factory_boy factories for the suite."""

from __future__ import annotations

from datetime import date

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from campaigns.models import Campaign, Message, VisualTemplate
from core.models import User
from narratives.models import Excerpt, Narrative, SourceRecord

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class NarrativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Narrative

    title = factory.Sequence(lambda n: f"Account {n}")
    text = "I left because the promises were empty and the leaders were corrupt."
    language = "en"
    source_kind = Narrative.SourceKind.INTERVIEW
    gender = Narrative.Gender.MALE
    age_band = Narrative.AgeBand.AGE_25_34
    country = "FR"
    left_on = date(2015, 3, 1)
    made_public_on = date(2016, 1, 1)

    class Params:
        approved = factory.Trait(
            status=Narrative.Status.APPROVED, approved_at=factory.LazyFunction(timezone.now)
        )


class SourceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceRecord

    narrative = factory.SubFactory(NarrativeFactory)
    raw_text = "Raw interview notes."
    real_name = factory.Sequence(lambda n: f"Canary Name {n}")
    kunya = factory.Sequence(lambda n: f"Abu Canary{n}")
    home_town = factory.Sequence(lambda n: f"Canarytown{n}")
    contacts = factory.Sequence(lambda n: f"canary{n}@example.invalid")


class ExcerptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Excerpt

    narrative = factory.SubFactory(NarrativeFactory, approved=True)
    start = 0
    end = 8
    text = factory.LazyAttribute(lambda e: e.narrative.text[e.start : e.end])
    status = Excerpt.Status.APPROVED


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Campaign {n}")
    goal = Campaign.Goal.PREVENT_JOINING
    audience_stage = Campaign.Stage.PREVENTION


class VisualTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisualTemplate

    name = factory.Sequence(lambda n: f"Template {n}")


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    campaign = factory.SubFactory(CampaignFactory)
    language = "en"
    headline = factory.Sequence(lambda n: f"Headline {n}")
    body = "The promises were empty."
    template = factory.SubFactory(VisualTemplateFactory)
    # What approval sets: the last clean leak check (messages past review carry one).
    leak_checked_at = factory.LazyAttribute(
        lambda o: (
            timezone.now()
            if getattr(o, "status", None) in {"approved", "scheduled", "published"}
            else None
        )
    )
