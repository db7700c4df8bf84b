// The sidecar's shape as read off the zod schema (schema.ts), so the writer's key order, the fast validator's
// enums and defaults, and the merge's field tables all follow the one definition instead of repeating it.
//
// Only what zod itself records is read: an object's fields in declaration order, the wrappers `.optional()` and
// `.default()`, array elements and enum values. A field added to schema.ts is written in its place, validated by
// the fast check's generic rules where they apply, and must be given a merge rule (the tables in merge.ts are
// typed by these field names, so the compiler asks for one).

/** The part of a zod v4 schema's definition read here. */
interface SchemaNode {
  def: {
    type: string;
    shape?: Record<string, SchemaNode>;
    innerType?: SchemaNode;
    element?: SchemaNode;
    entries?: Record<string, string | number>;
    defaultValue?: unknown;
  };
}

type JsonObject = Record<string, unknown>;

function node(schema: unknown): SchemaNode {
  return schema as SchemaNode;
}

/** The schema under `.optional()`, `.default()` and `.nullable()`. */
function unwrapped(schema: unknown): SchemaNode {
  let current = node(schema);
  while ((current.def.type === 'optional' || current.def.type === 'default' || current.def.type === 'nullable') && current.def.innerType) {
    current = current.def.innerType;
  }
  return current;
}

/** An object schema's field names, in the order schema.ts declares them (the order sidecars are written in). */
export function fieldsOf<S extends { shape: object }>(schema: S): ReadonlyArray<keyof S['shape'] & string> {
  return Object.keys(schema.shape) as Array<keyof S['shape'] & string>;
}

/** The values an enum field accepts (under its `.default()` or `.optional()`). */
export function enumValues(field: unknown): ReadonlySet<unknown> {
  const inner = unwrapped(field);
  if (inner.def.type !== 'enum' || !inner.def.entries) throw new Error(`schemaShape: expected an enum field, found ${inner.def.type}`);
  return new Set(Object.values(inner.def.entries));
}

/** The value zod fills in for a missing field declared with `.default(value)`. */
export function defaultOf(field: unknown): unknown {
  const def = node(field).def;
  if (def.type !== 'default') throw new Error(`schemaShape: expected a field with a default, found ${def.type}`);
  return def.defaultValue;
}

/**
 * A function that copies a value of `schema`'s type with every object's keys in declaration order, absent optional
 * fields left out, and unknown keys (which sidecars keep) after the known ones in sorted order. Values the schema
 * does not describe as objects (strings, records such as a citation's `csl`) are kept as they are.
 */
export function keyOrderer(schema: unknown): (value: unknown) => unknown {
  return ordererFor(schema) ?? ((value) => value);
}

function ordererFor(schema: unknown): ((value: unknown) => unknown) | undefined {
  const inner = unwrapped(schema);
  if (inner.def.type === 'array' && inner.def.element) {
    const item = ordererFor(inner.def.element);
    return item ? (value) => (Array.isArray(value) ? value.map(item) : value) : undefined;
  }
  if (inner.def.type !== 'object' || !inner.def.shape) return undefined;
  const fields = Object.entries(inner.def.shape).map(([key, field]) => ({ key, order: ordererFor(field) }));
  const known: ReadonlySet<string> = new Set(fields.map((f) => f.key));
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const source = value as JsonObject;
    const out: JsonObject = {};
    for (const { key, order } of fields) {
      const field = source[key];
      if (field !== undefined) out[key] = order ? order(field) : field;
    }
    return withExtras(out, source, known);
  };
}

/**
 * Copies the unknown keys of `source` onto `target` in sorted order, after the known ones already there.
 * (JavaScript puts keys that look like array indices, such as "7", first in any object, so those come
 * before the known keys; the order is still the same on every write.)
 */
function withExtras(target: JsonObject, source: JsonObject, known: ReadonlySet<string>): JsonObject {
  let extras: string[] | undefined;
  for (const key in source) if (!known.has(key)) (extras ??= []).push(key);
  if (extras) {
    extras.sort();
    for (const key of extras) {
      const value = source[key];
      if (value !== undefined) target[key] = value;
    }
  }
  return target;
}
