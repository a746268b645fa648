"""Limits at the edge: request body size, strict JSON, rate limits and the execution deadline.
Each refusal is a labelled GraphQL-style error (``extensions.code``), never a 500."""
