from django.apps import AppConfig


class NarrativesConfig(AppConfig):
    name = "narratives"

    def ready(self) -> None:
        from narratives.egress import register_surfaces

        register_surfaces()
