"""Name search folds letters Unicode cannot decompose (ø, ł, ð, æ, ß...), so "soren"
finds "Søren" and "lukasz" finds "Łukasz".

customers.name_folded holds the folded given and family name (written by the app, see
pos_app.domain.search.fold_name); the name index is rebuilt over it.

Revision ID: 0006
Revises: 0005
"""
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Frozen copy of the folding at the time of this migration.
_MAP = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae",
                      "œ": "oe", "ß": "ss", "ı": "i", "ŋ": "n", "ħ": "h"})


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_MAP)


TRIGGERS = [
    """CREATE TRIGGER customers_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customer_name_fts(rowid, name_folded) VALUES (new.pk, new.name_folded);
        INSERT INTO customer_tri_fts(rowid, phone_digits, email, loyalty_id, room)
            VALUES (new.pk, new.phone_digits, new.email, new.loyalty_id, new.room);
    END""",
    """CREATE TRIGGER customers_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customer_name_fts(customer_name_fts, rowid, name_folded)
            VALUES ('delete', old.pk, old.name_folded);
        INSERT INTO customer_tri_fts(customer_tri_fts, rowid, phone_digits, email,
                                     loyalty_id, room)
            VALUES ('delete', old.pk, old.phone_digits, old.email, old.loyalty_id, old.room);
    END""",
    """CREATE TRIGGER customers_au AFTER UPDATE ON customers BEGIN
        INSERT INTO customer_name_fts(customer_name_fts, rowid, name_folded)
            VALUES ('delete', old.pk, old.name_folded);
        INSERT INTO customer_tri_fts(customer_tri_fts, rowid, phone_digits, email,
                                     loyalty_id, room)
            VALUES ('delete', old.pk, old.phone_digits, old.email, old.loyalty_id, old.room);
        INSERT INTO customer_name_fts(rowid, name_folded) VALUES (new.pk, new.name_folded);
        INSERT INTO customer_tri_fts(rowid, phone_digits, email, loyalty_id, room)
            VALUES (new.pk, new.phone_digits, new.email, new.loyalty_id, new.room);
    END""",
]


def upgrade() -> None:
    for name in ("customers_ai", "customers_ad", "customers_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS customer_name_fts")
    op.add_column("customers", sa.Column("name_folded", sa.String(201), nullable=False,
                                         server_default=""))
    conn = op.get_bind()
    rows = conn.exec_driver_sql("SELECT pk, given_name, family_name FROM customers").all()
    conn.exec_driver_sql(
        "UPDATE customers SET name_folded = ? WHERE pk = ?",
        [(_fold(f"{given} {family}".strip()), pk) for pk, given, family in rows]) if rows \
        else None
    op.execute("""CREATE VIRTUAL TABLE customer_name_fts USING fts5(
        name_folded, content='customers', content_rowid='pk',
        tokenize="unicode61 remove_diacritics 2", prefix='1 2 3')""")
    for sql in TRIGGERS:
        op.execute(sql)
    op.execute("INSERT INTO customer_name_fts(customer_name_fts) VALUES ('rebuild')")


def downgrade() -> None:
    raise NotImplementedError("0006 is not reversible; restore a backup instead")
