from django.apps import AppConfig


class NarrativesConfig(AppConfig):
    name = "narratives"

    def ready(self) -> None:
        from narratives.egress import register_surfaces
        from narratives.erasure import register_handlers

        register_handlers()
        register_surfaces()
