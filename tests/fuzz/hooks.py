"""schemathesis hooks (SCHEMATHESIS_HOOKS=tests.fuzz.hooks): strategies for the schema's
custom scalars, which schemathesis cannot generate on its own."""

import datetime as dt
import json
import os

import graphql
import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes


def _object(fields: dict[str, graphql.ValueNode]) -> graphql.ObjectValueNode:
    return nodes.Object(
        [
            graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=v)
            for k, v in fields.items()
        ]
    )


_leaf = st.one_of(
    st.text(max_size=40).map(nodes.String),
    st.integers(-(2**40), 2**40).map(nodes.Int),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(nodes.Float),
    st.booleans().map(nodes.Boolean),
    st.just(nodes.Null),
)
_json = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(nodes.List),
        st.dictionaries(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), inner, max_size=4).map(
            _object
        ),
    ),
    max_leaves=12,
)

schemathesis.graphql.scalar("JSON", _json)
schemathesis.graphql.scalar(
    "DateTime",
    st.datetimes(
        min_value=dt.datetime(1970, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ).map(lambda v: nodes.String(v.isoformat())),
)
schemathesis.graphql.scalar(
    "Date",
    st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2100, 1, 1)).map(
        lambda v: nodes.String(v.isoformat())
    ),
)

# ids of real objects (tests/fuzz/run.py reads the demo organization's) half the time, so
# operations get past "not found"; anything else the other half
_known = json.loads(os.environ.get("FUZZ_IDS", "[]"))
if _known:
    schemathesis.graphql.scalar(
        "ID",
        st.one_of(st.sampled_from(_known), st.text(max_size=40)).map(nodes.String),
    )
