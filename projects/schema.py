"""The tables of the project store (SQLAlchemy Core), as the newest migration leaves them.

A *project* holds *centres*; each save of a centre is an immutable *revision* numbered 1, 2, … per
centre, holding the whole layout as canonical JSON (``layouts.io.dumps(centre, "json")``), its author,
time, message, the revision it was made from (``parent``) and the SHA-256 of the layout text.

Nothing is ever updated or deleted in ``revisions``: a restore is a new revision whose layout is an old
one's. ``UNIQUE(centre_id, number)`` is what makes concurrent saves safe: two writers that both try to
add revision N+1 cannot both succeed, whatever the database.

The schema is created and grown only by the Alembic migrations in ``projects/migrations/versions``;
this module mirrors their result for the queries.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

projects = sa.Table(
    "cp_projects", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", sa.String(32), nullable=False),  # ISO 8601, UTC
)

centres = sa.Table(
    "cp_centres", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("project_id", sa.Integer, sa.ForeignKey("cp_projects.id"), nullable=False),
    sa.Column("name", sa.String(300), nullable=False),  # the layout's centre.name at creation
    sa.Column("short_id", sa.String(80), nullable=False),  # short_id() of the name, unique in the project
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.UniqueConstraint("project_id", "name", name="uq_centre_name"),
    sa.UniqueConstraint("project_id", "short_id", name="uq_centre_short_id"),
)

revisions = sa.Table(
    "cp_revisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("centre_id", sa.Integer, sa.ForeignKey("cp_centres.id"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("parent", sa.Integer, nullable=True),  # the revision number this one was made from
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("layout_json", sa.Text, nullable=False),
    sa.Column("layout_sha256", sa.String(64), nullable=False),  # added by migration 0002
    sa.UniqueConstraint("centre_id", "number", name="uq_revision_number"),
)
