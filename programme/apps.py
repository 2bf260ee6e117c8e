from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"

    def ready(self):
        from base.cache import connect_signals

        # Writes invalidate the cached reads built from the model they write (base.cache).
        connect_signals()

        from base.storage import use_shared_file_storage

        # Uploaded files go to the object store when one is configured (see the module).
        use_shared_file_storage()

        from programme.notify import (
            INVITATION,
            PASSWORD_RESET,
            invitation_email,
            password_reset_email,
        )
        from programme.outbox import register_outbox_kind

        # Password resets and invitations go through the outbox; their links are made when
        # the email is sent.
        register_outbox_kind(PASSWORD_RESET, password_reset_email)
        register_outbox_kind(INVITATION, invitation_email)
