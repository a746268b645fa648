"""`make fuzz`: schemathesis against a real server for a bounded time.

Starts `python -m app serve` on a loopback port on a fresh SQLite database (migrated, with one
bootstrapped admin API key, rate limits off so the fuzzer is not throttled), runs
`schemathesis run URL/graphql --max-time SECONDS -c not_a_server_error` with the key and the
scalar strategies of tests/fuzz/hooks.py, and exits with schemathesis's status."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.servers import ROOT, cli, serve


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=90, help="schemathesis --max-time")
    parser.add_argument("extra", nargs="*", help="more schemathesis options (after --)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casegraph-fuzz-") as tmp:
        env = {
            "DATABASE_URL": f"sqlite://{tmp}/fuzz.sqlite3",
            "BROADCAST_URL": "memory://",
            "RATE_LIMIT_PER_MINUTE": "0",
            "ANONYMOUS_RATE_LIMIT_PER_MINUTE": "0",
        }
        migrated = cli("migrate", env=env)
        assert migrated.returncode == 0, migrated.stderr
        issued = cli(
            "create-api-key",
            "--org",
            "Fuzz",
            "--email",
            "fuzz@fuzz.example",
            "--create-org",
            env=env,
        )
        assert issued.returncode == 0, issued.stderr
        key = issued.stdout.strip()
        with serve({**env, "MIGRATE_ON_START": "false"}) as base:
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
            hooks = {"SCHEMATHESIS_HOOKS": "tests.fuzz.hooks", "PYTHONPATH": str(ROOT)}
            return subprocess.run(command, cwd=ROOT, env={**os.environ, **hooks}).returncode


if __name__ == "__main__":
    sys.exit(main())
