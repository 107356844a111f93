"""Alembic environment: migrations run on the connection the store hands over (no alembic.ini)."""
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True,
                  version_table="cp_alembic_version")
with context.begin_transaction():
    context.run_migrations()
