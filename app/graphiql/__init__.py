"""GraphiQL served by casegraph itself: the page and its vendored, pinned assets (no CDN)."""
