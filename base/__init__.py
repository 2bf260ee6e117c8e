"""The floor every app stands on: scoping querysets, domain errors, base views, the API base,
uploads and private storage, the cache, Markdown, spreadsheets and charts. It imports no app of
the project (the `layers` contract in pyproject.toml fails if it does)."""
