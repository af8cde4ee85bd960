import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, no_translations

from environ import Env


class Command(BaseCommand):
    help = (
        "Make sure an admin account exists. Reads ADMIN_USERNAME (default 'admin'), "
        "ADMIN_EMAIL and ADMIN_PASSWORD; without a password, one is generated and printed once."
    )

    @no_translations  # operator messages, in English whatever language was active
    def handle(self, *args, **options):
        env = Env()
        username = env.str("ADMIN_USERNAME", default="admin")
        email = env.str("ADMIN_EMAIL", default="admin@example.org")
        password = env.str("ADMIN_PASSWORD", default="")
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if password:
            self.validate(password, user or User(username=username, email=email))
        if user is not None:
            if password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(
                    f"Admin account '{username}': password updated from ADMIN_PASSWORD."
                )
            else:
                self.stdout.write(f"Admin account '{username}' exists.")
            return
        generated = not password
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created admin account '{username}' with password: {password}\n"
                    "This is shown only once; set ADMIN_PASSWORD to choose your own."
                )
            )
        else:
            self.stdout.write(f"Created admin account '{username}' (password from ADMIN_PASSWORD).")

    def validate(self, password, user):
        """AUTH_PASSWORD_VALIDATORS, as for any password an admin chooses in the admin."""
        try:
            validate_password(password, user)
        except ValidationError as error:
            problems = "\n".join(f"  - {message}" for message in error.messages)
            raise CommandError(
                f"ADMIN_PASSWORD is too weak; the admin account was not changed:\n{problems}\n"
                "Choose a longer, less common password (or leave ADMIN_PASSWORD empty to have "
                "one generated)."
            ) from None
