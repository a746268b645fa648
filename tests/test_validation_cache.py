"""Validation runs once per distinct document: the parser cache hands back the same
DocumentNode for the same text, and the gate's rules are constants, so its cache hits."""

from app.graphql import gate

DOCUMENT = "query ValidationCacheProbe { viewer { role } }"


async def test_a_repeated_document_is_validated_once(admin):
    before = gate._validate.cache_info()
    for _ in range(3):
        data = await admin(DOCUMENT)
        assert data["viewer"]["role"] == "ADMIN"
    after = gate._validate.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 2
