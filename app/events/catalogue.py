"""The event catalogue (docs/EVENTS.md), generated from the registry and the code.

Every event class contributes its name, subject, payload version, meaning and payload fields;
"emitted by" is found by reading the source: the service and worker functions that name the
class, directly or through a domain table or rule that names it (``plan_status_change``,
``INQUIRY_STATUS_EVENTS``). ``python -m app.events.catalogue --check`` fails when the file and
the code disagree.
"""

import argparse
import ast
import dataclasses
import datetime as dt
import json
import sys
import types
import typing
from collections import defaultdict
from enum import Enum
from pathlib import Path
from typing import Any, Union

from app.domain.events import EVENT_CLASSES, DomainEvent
from app.domain.events.base import DESCRIPTION, REFERENCE, SubjectType

APP = Path(__file__).resolve().parents[1]
OUTPUT = APP.parent / "docs" / "EVENTS.md"
EMITTERS = ("services", "workers")  # the only code that writes
_SCALARS = {str: "string", int: "integer", bool: "boolean", float: "number"}

HEADER = """\
# Event catalogue

Generated from `app/domain/events` by `make events`; CI fails when it and the code disagree.
Every change casegraph makes appends one of these events to the organization's log, in the
same transaction as the change. The log feeds the case timeline (`Case.events`, `events`),
the live feeds (`caseEvents`, `inquiryEvents`), workflow triggers and conditions
(`event.payload.*`), notifications and, later, webhooks.

- **Names** are Persona's where Persona has the event (`case.resolved`, `inquiry.approved`).
- **Payload** fields below are the stored JSON (`Event.payload`, `event.payload.*` in workflow
  conditions), with snake_case keys. `Event.data` serves the same payload typed, one GraphQL
  type per event (`CaseAssignedData`, ...), with camelCase names and global ids for the ids
  of other objects.
- **Versions**: a payload grows only by new fields with defaults, and its payload version
  goes up; no field is renamed or removed. An older stored payload is read in the newest shape.
"""


def describe_type(tp: Any, ref: SubjectType | None = None) -> str:
    """A JSON-level description of a payload field's type."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return f"{describe_type(inner[0], ref)} or null"
    if origin is tuple:
        return f"list of {describe_type(args[0], ref)}"
    if origin is dict:
        return f"object: key → {describe_type(args[1])}"
    if tp is Any:
        return "any JSON value"
    if dataclasses.is_dataclass(tp):
        fields = ", ".join(
            f"`{f.name}`: {describe_type(typing.get_type_hints(tp)[f.name])}"
            for f in dataclasses.fields(tp)
        )
        return f"object {{{fields}}}"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of " + ", ".join(f'`"{m.value}"`' for m in tp)
    if tp is dt.datetime:
        return "date-time string (ISO 8601, UTC)"
    if ref is not None:
        return f"{ref.node_type} id (integer)"
    return _SCALARS.get(tp, getattr(tp, "__name__", str(tp)))


def _mentions(node: ast.AST) -> set[str]:
    """Names a definition mentions, except in match patterns and ``events = ...`` (what a
    consumer reads is not what it emits)."""
    if isinstance(node, ast.MatchClass):
        return set().union(*(_mentions(p) for p in (*node.patterns, *node.kwd_patterns)))
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "events" for t in node.targets
    ):
        return set()
    found = {node.id} if isinstance(node, ast.Name) else set()
    if isinstance(node, ast.Attribute):
        found.add(node.attr)
    for child in ast.iter_child_nodes(node):
        found |= _mentions(child)
    return found


def _definitions(path: Path) -> dict[str, ast.AST]:
    """A module's top-level functions, classes and assignments, by name."""
    found: dict[str, ast.AST] = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found[node.name] = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update({t.id: node for t in targets if isinstance(t, ast.Name)})
    return found


def _consumed(node: ast.AST) -> set[str]:
    """Names in a consumer's ``events = frozenset({...})``."""
    return {
        n.id
        for assign in ast.walk(node)
        if isinstance(assign, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "events" for t in assign.targets)
        for n in ast.walk(assign.value)
        if isinstance(n, ast.Name)
    }


def _module(path: Path) -> str:
    return ".".join(path.relative_to(APP.parent).with_suffix("").parts)


def _public(module: dict[str, set[str]], name: str) -> set[str]:
    """A private helper stands for the public definitions of its module that call it."""
    if not name.startswith("_"):
        return {name}
    callers = {n for n, mentioned in module.items() if name in mentioned and n != name}
    return set().union(*(_public(module, c) for c in callers)) if callers else {name}


def emitters(root: Path = APP) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Event class name -> the service and worker functions that emit it, and -> the
    consumers (by their ``name``) that subscribe to it by class."""
    classes = {cls.__name__ for cls in EVENT_CLASSES}
    # domain rules and tables that name event classes stand for those classes
    via: dict[str, set[str]] = defaultdict(set)
    for path in sorted((root / "domain").rglob("*.py")):
        for name, node in _definitions(path).items():
            if name not in classes:
                via[name] |= _mentions(node) & classes
    emitted: dict[str, set[str]] = defaultdict(set)
    consumed: dict[str, set[str]] = defaultdict(set)
    for layer in EMITTERS:
        for path in sorted((root / layer).rglob("*.py")):
            definitions = _definitions(path)
            mentions = {name: _mentions(node) for name, node in definitions.items()}
            for name, mentioned in mentions.items():
                named = (mentioned & classes) | {c for m in mentioned for c in via.get(m, ())}
                for cls in named:
                    emitted[cls] |= {f"{_module(path)}.{n}" for n in _public(mentions, name)}
                for cls in _consumed(definitions[name]) & classes:
                    consumed[cls].add(f"{_module(path)}.{name}")
    return (
        {cls: sorted(where) for cls, where in emitted.items()},
        {cls: sorted(where) for cls, where in consumed.items()},
    )


def _section(cls: type[DomainEvent], emitted_by: list[str], consumed_by: list[str]) -> str:
    hints = typing.get_type_hints(cls)
    doc = " ".join((cls.__doc__ or "").split())
    subject = cls.subject_type
    lines = [
        f"## `{cls.event_name}`",
        "",
        doc,
        "",
        f"- class: `{cls.__name__}` (GraphQL: `{cls.__name__}Data`)",
        f"- subject: {subject.node_type} (`subject_type` `{subject.value}`)",
        f"- payload version: {cls.payload_version}",
        "- emitted by: " + (", ".join(f"`{e}`" for e in emitted_by) or "nothing yet"),
        "- read by: " + ", ".join([*(f"`{c}`" for c in consumed_by), *_readers(subject)]),
        "",
    ]
    fields = cls.payload_fields()
    if not fields:
        return "\n".join([*lines, "Payload: `{}` (the subject says it all).", ""])
    lines += ["| payload field | type | meaning |", "|---|---|---|"]
    for f in fields:
        kind = describe_type(hints[f.name], f.metadata.get(REFERENCE))
        optional = (
            ""
            if f.default is dataclasses.MISSING
            else f" (default `{json.dumps(f.default)}` when absent)"
        )
        lines.append(f"| `{f.name}` | {kind} | {f.metadata[DESCRIPTION]}{optional} |")
    return "\n".join([*lines, ""])


def _readers(subject: SubjectType) -> list[str]:
    feeds = {SubjectType.CASE: "`caseEvents`", SubjectType.INQUIRY: "`inquiryEvents`"}
    return [
        "workflow triggers",
        "the `events` timeline",
        *([feeds[subject]] if subject in feeds else []),
    ]


def render() -> str:
    """The whole catalogue."""
    emitted, consumed = emitters()
    index = ["| event | subject | meaning |", "|---|---|---|"]
    for cls in EVENT_CLASSES:
        first = " ".join((cls.__doc__ or "").split()).split(". ")[0].rstrip(".")
        index.append(
            f"| [`{cls.event_name}`](#{_anchor(cls)}) | {cls.subject_type.node_type} | {first} |"
        )
    sections = [
        _section(cls, emitted.get(cls.__name__, []), consumed.get(cls.__name__, []))
        for cls in EVENT_CLASSES
    ]
    return "\n".join([HEADER, *index, "", *sections]).rstrip("\n") + "\n"


def _anchor(cls: type[DomainEvent]) -> str:
    return "".join(c for c in cls.event_name if c.isalnum() or c == "-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check docs/EVENTS.md.")
    parser.add_argument("--check", action="store_true", help="fail when the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text() != text:
            print(f"{OUTPUT} is stale: run `make events`", file=sys.stderr)
            return 1
        print("docs/EVENTS.md matches the code")
        return 0
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
