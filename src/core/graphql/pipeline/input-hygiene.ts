import { DocumentNode, visit } from 'graphql';

/** A NUL byte (PostgreSQL text cannot hold it) or a UTF-16 half without its other half. */
// eslint-disable-next-line no-control-regex -- finding the NUL byte is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The one check of every string a request carries, in its variables and in the literals
 * of its document, before any resolver runs: what PostgreSQL or a validator (isEmail
 * throws URIError on a lone surrogate) cannot take is the client's error. Answers where
 * (the variable path or the argument name), never the value.
 */
export function unstorableString(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): string | undefined {
  const inVariables = walk(variables ?? {}, '$');
  if (inVariables) return inVariables;
  let found: string | undefined;
  const args: string[] = [];
  visit(document, {
    Argument: {
      enter: (node) => void args.push(node.name.value),
      leave: () => void args.pop(),
    },
    ObjectField: {
      enter: (node) => void args.push(node.name.value),
      leave: () => void args.pop(),
    },
    StringValue: (node) => {
      if (!found && UNSTORABLE.test(node.value)) found = args.join('.') || 'query';
    },
  });
  return found;
}

function walk(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = walk(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) return path;
      const hit = walk(v, path === '$' ? `$${k}` : `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}
