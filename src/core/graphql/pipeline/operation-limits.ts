import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  Kind,
  Lexer,
  OperationDefinitionNode,
  SelectionSetNode,
  Source,
  TokenKind,
  getNamedType,
  isListType,
  isNonNullType,
  GraphQLOutputType,
} from 'graphql';
import {
  ComplexityEstimator,
  fieldExtensionsEstimator,
  getComplexity,
  simpleEstimator,
} from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../connection';

export interface DocumentLimits {
  /** Characters of the query text. */
  maxLength: number;
  /** Lexical tokens of the query text, counted before the parser builds anything. */
  maxTokens: number;
  maxDepth: number;
  maxComplexity: number;
}

export type LimitBreach = { kind: 'length' | 'tokens' | 'depth' | 'cost'; message: string };

/**
 * The cheap checks that run before parsing: the length, then a lexer pass that stops at
 * the token limit. An 800 kB document is refused in microseconds, not parsed.
 */
export function beforeParse(source: string, limits: DocumentLimits): LimitBreach | undefined {
  if (source.length > limits.maxLength)
    return {
      kind: 'length',
      message: `Query of ${source.length} characters exceeds the limit of ${limits.maxLength}`,
    };
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > limits.maxTokens)
        return {
          kind: 'tokens',
          message: `Query has more than ${limits.maxTokens} tokens`,
        };
    }
  } catch {
    // A lexical error is the parser's to report, with its location.
  }
  return undefined;
}

/** Depth, then cost (list sizes multiply what is below them). */
export function operationBreach(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: DocumentLimits,
): LimitBreach | undefined {
  const depth = operationDepth(operation, document);
  if (depth > limits.maxDepth)
    return {
      kind: 'depth',
      message: `Query depth ${depth} exceeds the limit of ${limits.maxDepth}`,
    };
  const complexity = getComplexity({
    schema,
    operationName: operation.name?.value,
    query: document,
    variables,
    estimators: [
      fieldExtensionsEstimator(),
      listSizeEstimator,
      simpleEstimator({ defaultComplexity: 1 }),
    ],
  });
  if (complexity > limits.maxComplexity)
    return {
      kind: 'cost',
      message: `Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}`,
    };
  return undefined;
}

/**
 * A page (`first`, else the default page size, never above the page cap) or an argument
 * `limit` multiplies the cost of what is selected below it: 150 aliases of a 100-row
 * page cost 150 × 100 rows, not 150 fields. Nesting multiplies again.
 */
const listSizeEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  const paged = field.args.some((a) => a.name === 'first');
  const limited = field.args.some((a) => a.name === 'limit');
  if (!paged && !limited && !returnsList(field.type)) return undefined;
  const asked = Number(paged ? args.first : limited ? args.limit : 1);
  const size = paged
    ? Math.min(Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    : Number.isFinite(asked) && asked > 0
      ? Math.min(asked, MAX_PAGE_SIZE)
      : 1;
  return 1 + childComplexity * size;
};

function returnsList(type: GraphQLOutputType): boolean {
  const t = isNonNullType(type) ? type.ofType : type;
  return isListType(t) && getNamedType(t) !== undefined;
}

/** Depth of the selection, through fragments, without the introspection fields. */
export function operationDepth(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        max = Math.max(max, 1 + depthOf(sel.selectionSet, seen));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depthOf(sel.selectionSet, seen));
      } else {
        const name = sel.name.value;
        if (seen.has(name)) continue;
        max = Math.max(max, depthOf(fragments.get(name)?.selectionSet, new Set([...seen, name])));
      }
    }
    return max;
  };
  return depthOf(operation.selectionSet, new Set());
}

/** The root fields an operation runs (aliases count each), through fragments: its weight for rate limits. */
export function rootFieldCount(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const count = (set: SelectionSetNode, seen: Set<string>): number => {
    let n = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) n += sel.name.value.startsWith('__') ? 0 : 1;
      else if (sel.kind === Kind.INLINE_FRAGMENT) n += count(sel.selectionSet, seen);
      else if (!seen.has(sel.name.value)) {
        const f = fragments.get(sel.name.value);
        if (f) n += count(f.selectionSet, new Set([...seen, sel.name.value]));
      }
    }
    return n;
  };
  return Math.max(1, count(operation.selectionSet, new Set()));
}

/**
 * The cost from the document alone, before validation (which alone takes hundreds of
 * milliseconds on 150 aliases): every field 1, what is below a `first` or `limit`
 * argument times its value (the page cap at most). Fields a default page size would
 * multiply count once here, so this never exceeds what operationBreach computes; a
 * document it already prices over the limit is refused without validating it.
 */
export function documentCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const sizeOf = (field: FieldNode): number => {
    for (const arg of field.arguments ?? []) {
      if (arg.name.value !== 'first' && arg.name.value !== 'limit') continue;
      const v = arg.value;
      const n =
        v.kind === Kind.INT
          ? Number(v.value)
          : v.kind === Kind.VARIABLE
            ? Number(variables[v.name.value])
            : Number.NaN;
      return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_PAGE_SIZE) : 1;
    }
    return 1;
  };
  const costOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let sum = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        sum += 1 + costOf(sel.selectionSet, seen) * sizeOf(sel);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        sum += costOf(sel.selectionSet, seen);
      } else if (!seen.has(sel.name.value)) {
        const f = fragments.get(sel.name.value);
        if (f) sum += costOf(f.selectionSet, new Set([...seen, sel.name.value]));
      }
    }
    return sum;
  };
  const chosen = operationName
    ? operations.filter((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations
      : [];
  return Math.max(0, ...chosen.map((o) => costOf(o.selectionSet, new Set())));
}
