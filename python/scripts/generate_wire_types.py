#!/usr/bin/env python3
"""Generate ``meerkat/_wire.py`` (TypedDicts and Literal aliases) from the contract JSON Schemas.

The schemas live in ``packages/contracts/schemas`` (``index.json`` lists them, in dependency order, with the
contract version). Every schema is fully inlined (no ``$ref``), so the generator names nested shapes itself:

- a nested schema that is structurally identical to a top-level schema is referred to by that name;
- other nested objects become ``<Parent><Property>`` TypedDicts, union variants ``<Parent><ConstValues>``;
- structurally identical nested shapes share one definition.

Usage::

    python python/scripts/generate_wire_types.py            # rewrite python/meerkat/_wire.py
    python python/scripts/generate_wire_types.py --check    # exit 1 when the file is stale
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SCHEMAS = REPO_ROOT / "packages" / "contracts" / "schemas"
DEFAULT_OUT = REPO_ROOT / "python" / "meerkat" / "_wire.py"
REGENERATE_HINT = "python python/scripts/generate_wire_types.py"

_IGNORED_KEYS = {"$schema", "title", "description", "default", "examples"}
_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}

Schema = dict[str, Any]


def _canonical(schema: Any) -> str:
    """A structural key of a schema: documentation keys dropped, keys sorted."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _IGNORED_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(schema), sort_keys=True)


def _camel(text: str) -> str:
    parts = re.split(r"[^A-Za-z0-9]+", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


@dataclass
class _Definition:
    name: str
    code: str
    deps: list[str] = field(default_factory=list)


class _Generator:
    """Turns the schemas into Python definitions, emitted dependencies first."""

    def __init__(self, schemas: dict[str, Schema]) -> None:
        self.schemas = schemas
        self.top_by_shape: dict[str, str] = {}
        for name, schema in schemas.items():
            self.top_by_shape.setdefault(_canonical(schema), name)
        self.nested_by_shape: dict[str, str] = {}
        self.definitions: dict[str, _Definition] = {}
        self.building: set[str] = set()

    # -- naming and references -------------------------------------------------------------------------
    def _unique(self, base: str) -> str:
        name = base
        counter = 2
        while name in self.definitions or name in self.schemas or name in self.building:
            name = f"{base}{counter}"
            counter += 1
        return name

    def _ref(self, schema: Schema, hint: str, deps: list[str], root: str | None = None) -> str:
        """The type expression of ``schema``; named shapes are defined and recorded in ``deps``."""
        shape = _canonical(schema)
        top = self.top_by_shape.get(shape)
        if top is not None and top != root:
            self.define_top(top)
            deps.append(top)
            return top
        if self._needs_definition(schema):
            existing = self.nested_by_shape.get(shape)
            if existing is not None:
                deps.append(existing)
                return existing
            name = self._unique(hint)
            self.nested_by_shape[shape] = name
            self._define(name, schema, doc=None)
            deps.append(name)
            return name
        return self._inline(schema, hint, deps)

    @staticmethod
    def _needs_definition(schema: Schema) -> bool:
        if schema.get("type") == "object" and schema.get("properties"):
            return True
        variants = schema.get("anyOf")
        if isinstance(variants, list):
            non_null = [v for v in variants if v.get("type") != "null"]
            return len(non_null) > 1 and not all(_is_literal(v) for v in non_null)
        return False

    def _inline(self, schema: Schema, hint: str, deps: list[str]) -> str:
        if "const" in schema:
            return f"Literal[{_py(schema['const'])}]"
        if "enum" in schema:
            return f"Literal[{', '.join(_py(v) for v in schema['enum'])}]"
        variants = schema.get("anyOf")
        if isinstance(variants, list):
            nullable = any(v.get("type") == "null" and len(v) == 1 for v in variants)
            rest = [v for v in variants if not (v.get("type") == "null" and len(v) == 1)]
            if rest and all(_is_literal(v) for v in rest):
                values: list[Any] = []
                for v in rest:
                    values.extend(_literal_values(v))
                expr = f"Literal[{', '.join(_py(v) for v in values)}]"
            elif len(rest) == 1:
                expr = self._ref(rest[0], hint, deps)
            else:
                expr = " | ".join(self._ref(v, hint + f"Variant{i + 1}", deps) for i, v in enumerate(rest))
            return f"{expr} | None" if nullable else expr
        kind = schema.get("type")
        if isinstance(kind, list):
            return " | ".join(self._inline({"type": k}, hint, deps) for k in kind)
        if kind == "array":
            items = schema.get("items")
            if isinstance(items, dict) and items:
                return f"list[{self._ref(items, hint + 'Item', deps)}]"
            return "list[Any]"
        if kind == "object":
            value_schema = schema.get("additionalProperties")
            patterns = schema.get("patternProperties")
            if isinstance(patterns, dict) and len(patterns) == 1:
                value_schema = next(iter(patterns.values()))
            if isinstance(value_schema, dict) and value_schema:
                return f"dict[str, {self._ref(value_schema, hint + 'Value', deps)}]"
            return "dict[str, Any]"
        if isinstance(kind, str) and kind in _SCALARS:
            return _SCALARS[kind]
        return "Any"

    # -- definitions -----------------------------------------------------------------------------------
    def define_top(self, name: str) -> None:
        if name in self.definitions or name in self.building:
            return
        schema = self.schemas[name]
        doc = schema.get("description") or f"Wire type ``{name}`` (contracts schema ``{name}.json``)."
        self._define(name, schema, doc=str(doc), root=name)

    def _define(self, name: str, schema: Schema, doc: str | None, root: str | None = None) -> None:
        self.building.add(name)
        deps: list[str] = []
        if schema.get("type") == "object" and schema.get("properties"):
            code = self._typed_dict(name, schema, doc, deps)
        elif isinstance(schema.get("anyOf"), list) and self._needs_definition(schema):
            code = self._union(name, schema, doc, deps)
        else:
            code = self._alias(name, self._inline(schema, name, deps), doc)
        self.building.discard(name)
        self.definitions[name] = _Definition(name, code, deps)

    def _alias(self, name: str, expr: str, doc: str | None) -> str:
        text = f"{name}: TypeAlias = {expr}\n"
        if doc:
            text += f'"""{_doc(doc)}"""\n'
        return text

    def _union(self, name: str, schema: Schema, doc: str | None, deps: list[str]) -> str:
        variants: list[Schema] = schema["anyOf"]
        nullable = any(v.get("type") == "null" and len(v) == 1 for v in variants)
        parts: list[str] = []
        for index, variant in enumerate(v for v in variants if not (v.get("type") == "null" and len(v) == 1)):
            parts.append(self._ref(variant, name + _variant_suffix(variant, index), deps))
        expr = " | ".join(dict.fromkeys(parts))
        return self._alias(name, f"{expr} | None" if nullable else expr, doc)

    def _typed_dict(self, name: str, schema: Schema, doc: str | None, deps: list[str]) -> str:
        properties: dict[str, Schema] = schema["properties"]
        required = set(schema.get("required", []))
        fields: list[tuple[str, str, bool]] = []
        for key, sub in properties.items():
            fields.append((key, self._ref(sub, name + _camel(key), deps), key in required))
        required_fields = [(k, t) for k, t, r in fields if r]
        optional_fields = [(k, t) for k, t, r in fields if not r]
        docstring = f'    """{_doc(doc or f"Part of a wire type: ``{name}``.")}"""\n'
        identifiers = all(k.isidentifier() and not keyword.iskeyword(k) for k, _, _ in fields)
        if identifiers:
            if not required_fields or not optional_fields:
                total = "" if required_fields else ", total=False"
                body = "".join(f"    {k}: {t}\n" for k, t in required_fields or optional_fields)
                return f"class {name}(TypedDict{total}):\n{docstring}{body}"
            base = f"_{name}Required"
            required_body = "".join(f"    {k}: {t}\n" for k, t in required_fields)
            optional_body = "".join(f"    {k}: {t}\n" for k, t in optional_fields)
            return (
                f"class {base}(TypedDict):\n{required_body}\n\n"
                f"class {name}({base}, total=False):\n{docstring}{optional_body}"
            )
        bases: list[str] = []
        text = ""
        if required_fields:
            entries = ", ".join(f"{json.dumps(k)}: {t}" for k, t in required_fields)
            text += f'_{name}Required = TypedDict("_{name}Required", {{{entries}}})\n'
            bases.append(f"_{name}Required")
        if optional_fields:
            entries = ", ".join(f"{json.dumps(k)}: {t}" for k, t in optional_fields)
            text += f'_{name}Optional = TypedDict("_{name}Optional", {{{entries}}}, total=False)\n'
            bases.append(f"_{name}Optional")
        return text + f"\n\nclass {name}({', '.join(bases)}):\n{docstring}"

    # -- output ----------------------------------------------------------------------------------------
    def render(self, contract_version: str, order: list[str]) -> str:
        for name in order:
            self.define_top(name)
        emitted: list[str] = []
        seen: set[str] = set()

        def emit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            for dep in self.definitions[name].deps:
                emit(dep)
            emitted.append(self.definitions[name].code)

        for name in order:
            emit(name)
        exported = ["CONTRACT_VERSION", *order]
        header = (
            "# Generated by python/scripts/generate_wire_types.py from packages/contracts/schemas.\n"
            f"# Do not edit by hand; regenerate with: {REGENERATE_HINT}\n"
            '"""Wire types of the Meerkat contract, generated from its JSON Schemas.\n\n'
            "Each top-level schema is a TypedDict (objects) or a type alias (unions, literals); nested shapes are\n"
            'named after their parent. Keys are the wire keys, unchanged."""\n\n'
            "from typing import Any, Literal, TypeAlias, TypedDict\n\n"
        )
        body = "\n\n\n".join(code.rstrip("\n") for code in emitted)
        names = "".join(f"    {json.dumps(n)},\n" for n in exported)
        return (
            f"{header}"
            f'CONTRACT_VERSION: str = {json.dumps(contract_version)}\n'
            '"""The contract version this SDK speaks."""\n\n\n'
            f"{body}\n\n\n__all__ = [\n{names}]\n"
        )


def _py(value: Any) -> str:
    """A Python literal for a JSON scalar."""
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def _is_literal(schema: Schema) -> bool:
    return "const" in schema or "enum" in schema


def _literal_values(schema: Schema) -> list[Any]:
    return [schema["const"]] if "const" in schema else list(schema["enum"])


def _variant_suffix(variant: Schema, index: int) -> str:
    properties = variant.get("properties")
    if isinstance(properties, dict):
        consts = [str(p["const"]) for p in properties.values() if isinstance(p, dict) and "const" in p]
        if consts:
            return _camel("_".join(consts))
        if len(properties) == 1:
            return _camel(next(iter(properties)))
    return f"Variant{index + 1}"


def _doc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def render(schemas_dir: Path = DEFAULT_SCHEMAS) -> str:
    """The text of ``_wire.py`` for the schemas in ``schemas_dir``."""
    index = json.loads((schemas_dir / "index.json").read_text(encoding="utf-8"))
    order = list(index["schemas"].keys())
    schemas = {
        name: json.loads((schemas_dir / file).read_text(encoding="utf-8")) for name, file in index["schemas"].items()
    }
    return _Generator(schemas).render(str(index["contract_version"]), order)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write (or ``--check``) the generated module."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schemas", type=Path, default=DEFAULT_SCHEMAS, help="schemas folder (with index.json)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the module to write")
    parser.add_argument("--check", action="store_true", help="exit 1 when the module differs from the schemas")
    args = parser.parse_args(argv)
    text = render(args.schemas)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is stale; regenerate with: {REGENERATE_HINT}", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
