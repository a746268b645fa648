"""The document-limit outcomes remembered per document answer as a fresh walk would, for
every value of the page-size variables the walk read."""

from graphql import parse

from app.graphql import document_limits
from app.graphql.document_limits import DocumentBudget, check_document
from app.graphql.schema import schema

PAGES = """
query($n: Int, $m: Int, $unused: String) {
  cases(first: $n) { edges { node { events(first: $m) { edges { node { name } } } } } }
}
"""
BUDGET = DocumentBudget(max_cost=1_000)


def _outcome(document, **variables):
    error = check_document(schema._schema, document, None, variables, BUDGET)
    return None if error is None else (error.message, error.extensions)


def test_outcomes_follow_the_page_size_variables(monkeypatch):
    walks = []
    real = document_limits._walk
    monkeypatch.setattr(
        document_limits,
        "_walk",
        lambda *a: walks.append(a[3]) or real(*a),  # type: ignore[func-returns-value]
    )
    document = parse(PAGES)
    small = _outcome(document, n=5, m=5)
    large = _outcome(document, n=100, m=100)
    assert small is None
    assert large == (
        "the operation could return 30300 objects; the limit is 1000",
        {"code": "GRAPHQL_VALIDATION_FAILED", "limit": "cost", "maximum": 1000, "actual": 30300},
    )
    # remembered: no walk for values seen before, whatever the variables the walk never read
    assert _outcome(document, n=5, m=5, unused="x") is None
    assert _outcome(document, n=100, m=100) == large
    assert len(walks) == 2
    # not a number: the default page size (20), as a fresh walk counts it
    assert _outcome(document, n="many", m=True) == _outcome(parse(PAGES), n=None, m=None)
    assert len(walks) == 4
