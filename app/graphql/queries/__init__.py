"""Query fields by area, mirroring mutations/: core (node, viewer, cases, objects, users,
events, ...), assignment, workflows, webhooks, analytics."""
