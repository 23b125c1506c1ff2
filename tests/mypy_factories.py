"""A mypy plugin: `PersonFactory(...)` has the type of what it makes, a `Person`.

factory-boy makes the model in its metaclass's `__call__`, which mypy does not follow, so
without this every factory call would look like an instance of the factory itself. The model
is the factory's type argument (`DjangoModelFactory[Person]` in tests/factories.py); a factory
without one makes `Any`.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.maptype import map_instance_to_supertype
from mypy.nodes import TypeInfo
from mypy.plugin import FunctionContext, Plugin
from mypy.types import AnyType, Instance, Type, TypeOfAny, get_proper_type

BASE = "factory.base.BaseFactory"


def _what_it_makes(ctx: FunctionContext) -> Type:
    made = get_proper_type(ctx.default_return_type)
    if not isinstance(made, Instance):
        return ctx.default_return_type
    base = next(info for info in made.type.mro if info.fullname == BASE)
    model = get_proper_type(map_instance_to_supertype(made, base).args[0])
    return AnyType(TypeOfAny.special_form) if isinstance(model, AnyType) else model


class FactoryPlugin(Plugin):
    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        found = self.lookup_fully_qualified(fullname)
        if found is not None and isinstance(found.node, TypeInfo) and found.node.has_base(BASE):
            return _what_it_makes
        return None


def plugin(version: str) -> type[Plugin]:
    return FactoryPlugin
