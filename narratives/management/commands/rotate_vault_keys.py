from django.core.management.base import BaseCommand

from narratives.services import reencrypt_vault


class Command(BaseCommand):
    help = (
        "Re-encrypt every vault record under the newest key in FIELD_ENCRYPTION_KEY (the first). "
        "Afterwards the older keys can be removed from the list."
    )

    def handle(self, *args, **options):
        count = reencrypt_vault()
        self.stdout.write(f"Re-encrypted {count} vault records under the newest key.")
