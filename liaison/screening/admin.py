from liaison.screening.instruments import admin  # noqa: F401  (registers the instrument models)
