"""Which DomainErrors a function can raise, read from source: the function's body and, through
every name in it that resolves to a function or class of the walked packages, the bodies of
everything it can reach.

Deliberately generous (a constructed error counts as raised, a name counts as called) so a
new ``raise`` anywhere down the call graph is seen. What it cannot see: methods called on
local variables (``row.save()``) and functions reached only through data (registries).
"""

import ast
import builtins
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FunctionType, MethodType, ModuleType

from app.domain.errors import DomainError


@dataclass
class Raises:
    """Each DomainError class found, with the call chain that reaches the code raising it."""

    errors: dict[type[DomainError], list[str]] = field(default_factory=dict)
    walked: set[str] = field(default_factory=set)


def _is_error(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, DomainError)


def _name(fn: Callable[..., object]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _namespace(fn: FunctionType) -> dict[str, object]:
    names: dict[str, object] = dict(vars(builtins))
    names.update(fn.__globals__)
    names.update(inspect.getclosurevars(fn).nonlocals)
    owner: object = inspect.getmodule(fn)
    for part in fn.__qualname__.split(".")[:-1]:
        owner = getattr(owner, part, None)
    if isinstance(owner, type):  # self.x / cls.x inside a method resolve on its class
        names["self"] = names["cls"] = owner
    return names


def _resolve(node: ast.expr, names: dict[str, object]) -> object | None:
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, names)
        if base is None:
            return None
        try:
            return getattr(base, node.attr, None)
        except Exception:
            return None
    return None


def _functions(obj: object, packages: tuple[str, ...]) -> list[FunctionType]:
    """The walkable code behind a resolved name: a function, a method, a class's constructor."""
    if isinstance(obj, MethodType):
        obj = obj.__func__
    if isinstance(obj, FunctionType):
        obj = inspect.unwrap(obj)
        return (
            [obj] if isinstance(obj, FunctionType) and obj.__module__.startswith(packages) else []
        )
    if isinstance(obj, type) and obj.__module__.startswith(packages):
        found = [vars(obj).get(n) for n in ("__init__", "__post_init__", "__new__")]
        return [f for f in found if isinstance(f, FunctionType)]
    return []


def _body(fn: FunctionType) -> list[ast.stmt]:
    try:
        source = textwrap.dedent(inspect.getsource(fn))
    except (OSError, TypeError):  # generated code (dataclass __init__) has no source
        return []
    tree = ast.parse(source).body[0]
    if isinstance(tree, ast.FunctionDef | ast.AsyncFunctionDef):
        return tree.body  # not the decorators: they wrap, they are not called by the body
    return [tree]


def find_raises(root: Callable[..., object], packages: tuple[str, ...] = ("app.",)) -> Raises:
    """Every DomainError class ``root`` can raise, walking into functions of ``packages``."""
    found = Raises()
    start = inspect.unwrap(root)
    assert isinstance(start, FunctionType), root
    queue: list[tuple[FunctionType, list[str]]] = [(start, [_name(start)])]
    found.walked.add(_name(start))
    while queue:
        fn, chain = queue.pop()
        names = _namespace(fn)
        for stmt in _body(fn):
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call):
                    target = _resolve(node.func, names)
                    owner = (
                        _resolve(node.func.value, names)
                        if isinstance(node.func, ast.Attribute)
                        else None
                    )
                    for error in (target, owner):  # XError(...) and XError.of(...)
                        if _is_error(error):
                            found.errors.setdefault(error, chain)  # type: ignore[arg-type]
                elif isinstance(node, ast.Raise) and node.exc is not None:
                    error = _resolve(node.exc, names)
                    if _is_error(error):
                        found.errors.setdefault(error, chain)  # type: ignore[arg-type]
                if isinstance(node, ast.Name | ast.Attribute):
                    target = _resolve(node, names)
                    if isinstance(target, ModuleType):
                        continue
                    for callee in _functions(target, packages):
                        if _name(callee) not in found.walked:
                            found.walked.add(_name(callee))
                            queue.append((callee, [*chain, _name(callee)]))
    return found
