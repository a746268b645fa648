"""The README's examples are tests: every GraphQL block runs, in order and exactly as written,
against a fresh demo server (`casegraph serve` on an empty database), with the variables the
README shows next to it; a result the README shows is the exact result."""

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from graphql import OperationDefinitionNode, OperationType, parse
from websockets.sync.client import connect

from app.services.demo_workflows import SEED_WORKFLOWS
from tests.servers import ROOT, serve_demo

README = (ROOT / "README.md").read_text()
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
REFERENCE = re.compile(r"^from (\w+): ([\w.\[\]]+)$")


@dataclass
class Example:
    """One GraphQL block of the README and what the README says around it."""

    line: int
    document: str
    variables: dict[str, Any] | None = None
    expected: dict[str, Any] | None = None
    operations: list[OperationDefinitionNode] = field(default_factory=list)


def _label(text_before: str) -> str:
    lines = [line.strip() for line in text_before.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def readme_examples() -> list[Example]:
    """The GraphQL blocks in order; a JSON block after a line starting `Variables` holds the
    block's variables, one after a line starting `Result` its exact `data`."""
    examples: list[Example] = []
    previous_end = 0
    for match in FENCE.finditer(README):
        lang, body = match.group(1), match.group(2)
        label = _label(README[previous_end : match.start()])
        previous_end = match.end()
        line = README.count("\n", 0, match.start()) + 1
        if lang == "graphql":
            doc = parse(body)
            ops = [d for d in doc.definitions if isinstance(d, OperationDefinitionNode)]
            examples.append(Example(line, body, operations=ops))
        elif lang == "json" and label.startswith(("Variables", "Result")):
            assert examples, f"README line {line}: {label} before any GraphQL block"
            target = "variables" if label.startswith("Variables") else "expected"
            assert getattr(examples[-1], target) is None, f"README line {line}: second {target}"
            setattr(examples[-1], target, json.loads(body))
    return examples


def seeded_definitions_in_readme() -> list[dict[str, Any]]:
    """The JSON blocks after a line that says the workflow is seeded."""
    found, previous_end = [], 0
    for match in FENCE.finditer(README):
        label = _label(README[previous_end : match.start()])
        previous_end = match.end()
        if match.group(1) == "json" and "(seeded" in label:
            found.append(json.loads(match.group(2)))
    return found


def _dig(data: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+", path):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _resolve(value: Any, results: dict[str, Any]) -> Any:
    if isinstance(value, str) and (ref := REFERENCE.match(value)):
        return _dig(results[ref.group(1)], ref.group(2))
    if isinstance(value, dict):
        return {k: _resolve(v, results) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, results) for v in value]
    return value


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A fresh demo server: (base URL, the API key its banner printed)."""
    with serve_demo(tmp_path_factory.mktemp("readme"), {"WORKER_POLL_SECONDS": "0.1"}) as demo:
        yield demo


def _subscribe(base: str, key: str, document: str, variables: dict[str, Any] | None) -> None:
    """Open a graphql-transport-ws subscription; it must be accepted (no error, no close)."""
    with connect(
        base.replace("http", "ws") + "/graphql", subprotocols=["graphql-transport-ws"]
    ) as ws:  # type: ignore[list-item]
        ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {key}"}})
        )
        assert json.loads(ws.recv(timeout=5)) == {"type": "connection_ack"}
        payload = {"query": document, "variables": variables or {}}
        ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        with pytest.raises(TimeoutError):
            message = ws.recv(timeout=1.0)
            pytest.fail(f"the subscription answered at once: {message}")


def test_every_readme_block_holds_one_operation_or_named_operations():
    examples = readme_examples()
    assert len(examples) >= 15
    for example in examples:
        names = [op.name.value if op.name else None for op in example.operations]
        assert len(names) == 1 or all(names), f"README line {example.line}: {names}"


def test_the_seed_scenario_in_the_readme_is_what_the_demo_seeds():
    assert seeded_definitions_in_readme() == [definition for _, definition in SEED_WORKFLOWS]


def test_every_readme_example_runs_as_written(demo_server):
    base, key = demo_server
    results: dict[str, Any] = {}
    headers = {"Authorization": f"Bearer {key}"}
    for example in readme_examples():
        where = f"README line {example.line}"
        variables = _resolve(example.variables, results)
        for op in example.operations:
            name = op.name.value if op.name else None
            if op.operation == OperationType.SUBSCRIPTION:
                _subscribe(base, key, example.document, variables)
                continue
            body = {"query": example.document, "variables": variables, "operationName": name}
            deadline = time.monotonic() + 15
            while True:
                answer = httpx.post(f"{base}/graphql", json=body, headers=headers, timeout=10)
                assert answer.status_code == 200, f"{where}: {answer.text}"
                reply = answer.json()
                assert "errors" not in reply, f"{where}: {reply['errors']}"
                settled = example.expected is None or reply["data"] == example.expected
                # a query may wait for the workflow worker; a mutation runs once
                if settled or op.operation != OperationType.QUERY or time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            if name:
                results[name] = reply["data"]
        if example.expected is not None:
            assert reply["data"] == example.expected, where
