"""Alembic migrations of the project store; run by :func:`projects.store.open_store`, never by hand."""
