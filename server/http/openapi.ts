// The OpenAPI document's components (issue 11 item 1). fastify-type-provider-zod emits every
// schema with an id twice, as X (responses) and XInput (request bodies and queries): the
// XInput copies no route refers to are dropped, so the document and the web client's types
// list only the names a reader of the API meets, sorted by name.
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

const REF = '#/components/schemas/';

/** Names of the component schemas reachable from `root` through $ref, transitively. */
export function reachableSchemas(root: unknown, schemas: Record<string, unknown>): Set<string> {
  const seen = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(REF)) {
        const name = value.slice(REF.length);
        if (!seen.has(name)) {
          seen.add(name);
          walk(schemas[name]);
        }
      } else walk(value);
    }
  };
  walk(root);
  return seen;
}

type Document = ReturnType<typeof jsonSchemaTransformObject>;

export function transformObject(...args: Parameters<typeof jsonSchemaTransformObject>): Document {
  const doc = jsonSchemaTransformObject(...args) as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return doc as Document;
  const used = reachableSchemas(doc.paths, schemas);
  const kept = Object.entries(schemas).filter(([name]) => !(name.endsWith('Input') && name.slice(0, -5) in schemas && !used.has(name)));
  // By name, so the document does not depend on the order in which modules happen to load.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...doc, components: { ...doc.components, schemas: Object.fromEntries(kept) } } as Document;
}
