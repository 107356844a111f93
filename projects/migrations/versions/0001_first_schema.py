"""The first schema: projects, centres and their immutable revisions.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cp_projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "cp_centres",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("cp_projects.id"), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("short_id", sa.String(80), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("project_id", "name", name="uq_centre_name"),
        sa.UniqueConstraint("project_id", "short_id", name="uq_centre_short_id"),
    )
    op.create_table(
        "cp_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("centre_id", sa.Integer, sa.ForeignKey("cp_centres.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("parent", sa.Integer, nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("layout_json", sa.Text, nullable=False),
        sa.UniqueConstraint("centre_id", "number", name="uq_revision_number"),
    )


def downgrade() -> None:
    op.drop_table("cp_revisions")
    op.drop_table("cp_centres")
    op.drop_table("cp_projects")
