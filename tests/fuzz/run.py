"""`make fuzz`: schemathesis against a real server for a bounded time.

Starts `python -m app serve` on a loopback port on a fresh SQLite database with the demo seed
(templates, cases, inquiries, workflows of one organization and its admin API key; rate limits
off so the fuzzer is not throttled), reads the global ids of the demo's objects, and runs
`schemathesis run URL/graphql --max-time SECONDS -c not_a_server_error` with the key and the
strategies of tests/fuzz/hooks.py: arguments of type ID are drawn from those ids half the
time, so operations reach past "not found" into their rules."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from tests.servers import ROOT, serve_demo

IDS = """
{
  caseTemplates { nodes { id } }
  cases(first: 20) { nodes { id comments { nodes { id } } } }
  inquiries(first: 20) { nodes { id } }
  accounts(first: 20) { nodes { id } }
  reports(first: 20) { nodes { id } }
  users(first: 20) { nodes { id } }
  teams(first: 20) { nodes { id } }
  workflows(first: 20) { nodes { id } }
}
"""


def _ids(value: object) -> list[str]:
    """Every `id` in a response, depth first."""
    if isinstance(value, dict):
        own = [value["id"]] if isinstance(value.get("id"), str) else []
        return own + [i for k, v in value.items() if k != "id" for i in _ids(v)]
    if isinstance(value, list):
        return [i for item in value for i in _ids(item)]
    return []


def demo_ids(base: str, key: str) -> list[str]:
    """The global ids of the demo organization's objects."""
    response = httpx.post(
        f"{base}/graphql", json={"query": IDS}, headers={"Authorization": f"Bearer {key}"}
    )
    body = response.json()
    assert not body.get("errors"), body
    ids = _ids(body["data"])
    assert ids, body
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=90, help="schemathesis --max-time")
    parser.add_argument("extra", nargs="*", help="more schemathesis options (after --)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casegraph-fuzz-") as tmp:
        env = {
            "BROADCAST_URL": "memory://",
            "RATE_LIMIT_PER_MINUTE": "0",
            "ANONYMOUS_RATE_LIMIT_PER_MINUTE": "0",
        }
        with serve_demo(Path(tmp), env) as (base, key):
            ids = demo_ids(base, key)
            print(f"fuzzing with {len(ids)} ids of the demo organization", flush=True)
            command = [
                str(Path(sys.executable).parent / "schemathesis"),
                "run",
                f"{base}/graphql",
                "--max-time",
                str(args.seconds),
                "--checks",
                "not_a_server_error",
                "--header",
                f"Authorization: Bearer {key}",
                "--report-dir",
                str(ROOT / "schemathesis-report"),
                *args.extra,
            ]
            hooks = {
                "SCHEMATHESIS_HOOKS": "tests.fuzz.hooks",
                "PYTHONPATH": str(ROOT),
                "FUZZ_IDS": json.dumps(ids),
            }
            return subprocess.run(command, cwd=ROOT, env={**os.environ, **hooks}).returncode


if __name__ == "__main__":
    sys.exit(main())
