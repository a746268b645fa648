"""Validation runs once per distinct document: the parser cache hands back the same
DocumentNode for the same text, and the gate's rules are constants, so its cache hits."""

from app.graphql import gate

DOCUMENT = "query ValidationCacheProbe { viewer { role } }"


async def test_a_repeated_document_is_validated_once(admin):
    before = (gate._validate.hits, gate._validate.misses)
    for _ in range(3):
        data = await admin(DOCUMENT)
        assert data["viewer"]["role"] == "ADMIN"
    misses = gate._validate.misses - before[1]
    hits = gate._validate.hits - before[0]
    assert (misses, hits) == (1, 2)
