"""A customer's record is the same whether built from a Customer (the demo, a desk
joining) or from an import's clean fields (the helpers), and turns back into the same
Customer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.customer_record import RECORD_FIELDS, customer_of, record, record_of
from pos_app.domain.people import CONTACT_FIELDS, Customer

fields = st.dictionaries(st.sampled_from(CONTACT_FIELDS), st.text(max_size=20))


@given(st.text(min_size=1, max_size=10), fields)
def test_a_record_from_fields_is_the_record_of_the_customer(cid: str,
                                                            values: dict[str, str]) -> None:
    customer = Customer(cid, **values)
    made = record(cid, values)
    assert made == record_of(customer)
    assert len(made) == len(RECORD_FIELDS)
    assert customer_of(made) == customer


def test_the_search_keys_follow_the_fields() -> None:
    made = dict(zip(RECORD_FIELDS, record("C1", {"given_name": "Łukasz",
                                                 "family_name": "Østergaard",
                                                 "phone": "+15550100"}), strict=True))
    assert made["name_folded"] == "lukasz ostergaard"
    assert made["phone_digits"] == "15550100"
    assert made["email"] == ""
