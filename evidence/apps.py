from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"

    def ready(self) -> None:
        from evidence.egress import register_surfaces

        register_surfaces()
