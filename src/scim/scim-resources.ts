/**
 * The shapes of RFC 7643 (resources) and RFC 7644 (protocol messages) the portal speaks.
 * Only what a directory such as Entra ID sends and reads is modelled.
 */
export const SCIM = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** An RFC 7644 §3.12 error: the HTTP status, a scimType where one applies, a detail. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?:
      | 'invalidFilter'
      | 'uniqueness'
      | 'invalidValue'
      | 'invalidPath'
      | 'invalidSyntax'
      | 'noTarget',
  ) {
    super(detail);
  }

  body() {
    return {
      schemas: [SCIM.error],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

export interface ScimUserRow {
  id: string;
  external_id: string | null;
  email: string;
  display_name: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  groups: { value: string; display: string }[];
}

export function userResource(base: string, u: ScimUserRow) {
  return {
    schemas: [SCIM.user],
    id: u.id,
    ...(u.external_id ? { externalId: u.external_id } : {}),
    userName: u.email,
    displayName: u.display_name,
    name: { formatted: u.display_name },
    emails: [{ value: u.email, type: 'work', primary: true }],
    active: u.active,
    groups: u.groups,
    meta: {
      resourceType: 'User',
      created: u.created_at.toISOString(),
      lastModified: u.updated_at.toISOString(),
      location: `${base}/Users/${u.id}`,
    },
  };
}

export interface ScimGroupRow {
  id: string;
  external_id: string | null;
  display_name: string;
  created_at: Date;
  updated_at: Date;
  members: { value: string; display: string }[];
}

export function groupResource(base: string, g: ScimGroupRow) {
  return {
    schemas: [SCIM.group],
    id: g.id,
    ...(g.external_id ? { externalId: g.external_id } : {}),
    displayName: g.display_name,
    members: g.members.map((m) => ({ ...m, $ref: `${base}/Users/${m.value}` })),
    meta: {
      resourceType: 'Group',
      created: g.created_at.toISOString(),
      lastModified: g.updated_at.toISOString(),
      location: `${base}/Groups/${g.id}`,
    },
  };
}

/** The most resources one list answer holds, whatever `count` asks (RFC 7644 §3.4.2.4). */
const MAX_COUNT = 200;

/** The page a list request asks for: 1-based startIndex, count clamped to 0..MAX_COUNT. */
export function listWindow(q: Record<string, unknown>): { startIndex: number; count: number } {
  const asked = q.count !== undefined && Number.isFinite(Number(q.count)) ? Number(q.count) : 100;
  return {
    startIndex: Math.max(1, Number(q.startIndex) || 1),
    count: Math.min(MAX_COUNT, Math.max(0, asked)),
  };
}

export function listResponse<T>(resources: T[], total: number, startIndex: number) {
  return {
    schemas: [SCIM.list],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

/** `attr eq "value"`, the one filter directories send to find a resource before creating it. */
export function parseEqFilter(
  filter: string | undefined,
  attributes: Record<string, string>,
): { column: string; value: string } | null {
  if (filter === undefined || filter === '') return null;
  const m = /^\s*([A-Za-z.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const column = m ? attributes[m[1].toLowerCase()] : undefined;
  if (!m || !column)
    throw new ScimError(
      400,
      'Only `attribute eq "value"` filters on userName, externalId or displayName are supported',
      'invalidFilter',
    );
  return { column, value: m[2].replace(/\\(.)/g, '$1') };
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

/** A PatchOp body, with op names in any letter case (Entra ID sends "Replace"). */
export function patchOperations(body: unknown): PatchOperation[] {
  const b = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(b?.schemas) || !b.schemas.includes(SCIM.patch) || !Array.isArray(b.Operations))
    throw new ScimError(400, 'A PatchOp with Operations is expected', 'invalidSyntax');
  return b.Operations.map((o: Record<string, unknown>) => {
    const op = typeof o?.op === 'string' ? o.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw new ScimError(400, `Unknown patch op ${String(o?.op)}`, 'invalidSyntax');
    return { op, path: typeof o.path === 'string' ? o.path : undefined, value: o.value };
  });
}

/** SCIM booleans arrive as true/false or, from some directories, as "True"/"False". */
export function scimBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value))
    return value.toLowerCase() === 'true';
  throw new ScimError(400, 'active must be a boolean', 'invalidValue');
}
