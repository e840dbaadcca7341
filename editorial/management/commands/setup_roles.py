from django.core.management.base import BaseCommand

from editorial.roles import ensure_roles


class Command(BaseCommand):
    help = (
        "Create or correct the Editor and Publisher groups (also done after every migrate). "
        "Safe to repeat; resets both groups to the permissions defined in editorial/roles.py."
    )

    def handle(self, *args, **options):
        for name, count in ensure_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
