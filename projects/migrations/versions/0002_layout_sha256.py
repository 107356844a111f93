"""Each revision records the SHA-256 of its layout text.

It lets a save of an unchanged layout be recognised without comparing texts, and lets a backup or a
restore be checked against what was stored. Existing revisions are filled from their layout text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cp_revisions") as batch:
        batch.add_column(sa.Column("layout_sha256", sa.String(64), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, layout_json FROM cp_revisions")).fetchall()
    for row_id, text in rows:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        conn.execute(sa.text("UPDATE cp_revisions SET layout_sha256 = :d WHERE id = :i"),
                     {"d": digest, "i": row_id})
    with op.batch_alter_table("cp_revisions") as batch:
        batch.alter_column("layout_sha256", existing_type=sa.String(64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("cp_revisions") as batch:
        batch.drop_column("layout_sha256")
