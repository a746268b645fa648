"""Case commands: create, change (fields, assignee, status, tags), objects (links, documents,
comments), locking (row locks, versions, shared checks), assignee (the one writer of it)."""
