from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """Data rights and recovery: backup and restore, subject-access export, retention."""

    name = "liaison.records"
    label = "records"

    def ready(self) -> None:
        # The hash-chain check (in audit, below this app) accepts a redacted row only for a
        # disposal carried out after review; this app is the one that knows (ADR 0027).
        from liaison.audit import disposals
        from liaison.records.selectors import carried_out

        disposals.register(carried_out)
