"""Customer search: FTS5 indexes over the customers table, kept in step by triggers.

Two external-content indexes: word-prefix search over names (unicode61 without
diacritics, so "zoe" finds "Zoë"), and trigram substring search over phone digits,
e-mail, loyalty and room numbers. Existing customers are indexed by a rebuild.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Kept here (not imported) so this migration stays what it was when it shipped.
CREATE = [
    """CREATE VIRTUAL TABLE customer_name_fts USING fts5(
        given_name, family_name, content='customers', content_rowid='pk',
        tokenize="unicode61 remove_diacritics 2", prefix='1 2 3')""",
    """CREATE VIRTUAL TABLE customer_tri_fts USING fts5(
        phone_digits, email, loyalty_id, room, content='customers', content_rowid='pk',
        tokenize='trigram')""",
]
TRIGGERS = [
    """CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customer_name_fts(rowid, given_name, family_name)
            VALUES (new.pk, new.given_name, new.family_name);
        INSERT INTO customer_tri_fts(rowid, phone_digits, email, loyalty_id, room)
            VALUES (new.pk, new.phone_digits, new.email, new.loyalty_id, new.room);
    END""",
    """CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customer_name_fts(customer_name_fts, rowid, given_name, family_name)
            VALUES ('delete', old.pk, old.given_name, old.family_name);
        INSERT INTO customer_tri_fts(customer_tri_fts, rowid, phone_digits, email,
                                     loyalty_id, room)
            VALUES ('delete', old.pk, old.phone_digits, old.email, old.loyalty_id, old.room);
    END""",
    """CREATE TRIGGER customers_au AFTER UPDATE ON customers BEGIN
        INSERT INTO customer_name_fts(customer_name_fts, rowid, given_name, family_name)
            VALUES ('delete', old.pk, old.given_name, old.family_name);
        INSERT INTO customer_tri_fts(customer_tri_fts, rowid, phone_digits, email,
                                     loyalty_id, room)
            VALUES ('delete', old.pk, old.phone_digits, old.email, old.loyalty_id, old.room);
        INSERT INTO customer_name_fts(rowid, given_name, family_name)
            VALUES (new.pk, new.given_name, new.family_name);
        INSERT INTO customer_tri_fts(rowid, phone_digits, email, loyalty_id, room)
            VALUES (new.pk, new.phone_digits, new.email, new.loyalty_id, new.room);
    END""",
]


def upgrade() -> None:
    for sql in CREATE + TRIGGERS:
        op.execute(sql)
    op.execute("INSERT INTO customer_name_fts(customer_name_fts) VALUES ('rebuild')")
    op.execute("INSERT INTO customer_tri_fts(customer_tri_fts) VALUES ('rebuild')")


def downgrade() -> None:
    for name in ("customers_ai", "customers_ad", "customers_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS customer_name_fts")
    op.execute("DROP TABLE IF EXISTS customer_tri_fts")
