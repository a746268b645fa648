"""Plain HTTP endpoints beside GraphQL (inbound webhooks)."""
