import { readFileSync } from 'node:fs';
import { Permission, Role } from '../../identity/role.enum';
import { ConfigError } from './app-config';

/** What a provider's group (or role) claim value gives a user in the portal. */
export interface SsoGroupMapping {
  organisationId: string;
  roles: Role[];
  permissions: Permission[];
}

/**
 * One OpenID Connect identity provider of one municipality. The client secret is read
 * from the environment or a secrets file at start-up, never from the database.
 */
export interface SsoProviderConfig {
  /** Names the provider in URLs (/auth/oidc/<id>/login) and in the database. */
  id: string;
  municipalityCode: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim that identifies the user for good (Entra ID: oid; default sub). */
  subjectClaim: string;
  /** The claim listing the user's groups or app roles (Entra ID: groups or roles). */
  groupClaim: string | null;
  groups: Record<string, SsoGroupMapping>;
  /** Assurance level of each acr value the provider sends (e.g. LoA 3 = 3). */
  acrLevels: Record<string, number>;
  /** The level an amr saying two factors ("mfa", "otp", "hwk") counts as. */
  multiFactorLevel: number;
  /** SCIM bearer token (from the environment or a secrets file); null: no SCIM. */
  scimToken: string | null;
  /** A provider an admin configured: its last change (a new one is discovered anew). */
  version?: string;
}

const ROLES = new Set<string>(Object.values(Role));
const PERMISSIONS = new Set<string>(Object.values(Permission));

/**
 * OIDC_PROVIDERS_FILE (a JSON file) or OIDC_PROVIDERS (the same JSON inline): a list of
 * providers; each names its secret by clientSecretEnv (a variable) or clientSecretFile.
 */
export function loadSsoProviders(env: NodeJS.ProcessEnv): SsoProviderConfig[] {
  const variable = env.OIDC_PROVIDERS_FILE ? 'OIDC_PROVIDERS_FILE' : 'OIDC_PROVIDERS';
  let text = env.OIDC_PROVIDERS ?? '';
  if (env.OIDC_PROVIDERS_FILE) {
    try {
      text = readFileSync(env.OIDC_PROVIDERS_FILE, 'utf8');
    } catch {
      throw new ConfigError(variable, `${variable}: cannot read ${env.OIDC_PROVIDERS_FILE}`);
    }
  }
  if (!text.trim()) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(variable, `${variable} must be a JSON list of providers`);
  }
  if (!Array.isArray(raw)) throw new ConfigError(variable, `${variable} must be a JSON list`);
  const seen = new Set<string>();
  return raw.map((p: Record<string, unknown>, i) => {
    const fail = (what: string): never => {
      throw new ConfigError(variable, `${variable}[${i}]: ${what}`);
    };
    const str = (k: string): string =>
      typeof p[k] === 'string' && (p[k] as string).length
        ? (p[k] as string)
        : fail(`${k} is required`);
    const id = str('id');
    if (!/^[a-z0-9-]{1,40}$/.test(id)) fail('id must be lower-case letters, digits and -');
    if (seen.has(id)) fail(`id ${id} appears twice`);
    seen.add(id);
    const municipalityCode = str('municipalityCode');
    if (!/^\d{4}$/.test(municipalityCode)) fail('municipalityCode must be 4 digits');
    const secret = (name: string): string | null => {
      const fromEnv = p[`${name}Env`];
      const fromFile = p[`${name}File`];
      if (typeof fromEnv === 'string')
        return env[fromEnv] || fail(`${fromEnv} (${name}Env) is unset`);
      if (typeof fromFile === 'string') {
        try {
          return readFileSync(fromFile, 'utf8').trim() || fail(`${fromFile} is empty`);
        } catch {
          return fail(`cannot read ${name}File ${fromFile}`);
        }
      }
      if (p[name] !== undefined)
        fail(`${name} must come from ${name}Env or ${name}File, not the file itself`);
      return null;
    };
    const groups: Record<string, SsoGroupMapping> = {};
    for (const [group, m] of Object.entries(
      (p.groups ?? {}) as Record<string, Record<string, unknown>>,
    )) {
      const roles = (m.roles ?? []) as string[];
      const permissions = (m.permissions ?? []) as string[];
      if (typeof m.organisationId !== 'string') fail(`groups.${group}.organisationId is required`);
      if (!roles.every((r) => ROLES.has(r))) fail(`groups.${group}.roles names an unknown role`);
      if (!permissions.every((r) => PERMISSIONS.has(r)))
        fail(`groups.${group}.permissions names an unknown permission`);
      groups[group] = {
        organisationId: m.organisationId as string,
        roles: roles as Role[],
        permissions: permissions as Permission[],
      };
    }
    return {
      id,
      municipalityCode,
      issuer: str('issuer'),
      clientId: str('clientId'),
      clientSecret:
        secret('clientSecret') ?? fail('clientSecretEnv or clientSecretFile is required'),
      subjectClaim: typeof p.subjectClaim === 'string' ? p.subjectClaim : 'sub',
      groupClaim: typeof p.groupClaim === 'string' ? p.groupClaim : null,
      groups,
      acrLevels: (p.acrLevels ?? {}) as Record<string, number>,
      multiFactorLevel: typeof p.multiFactorLevel === 'number' ? p.multiFactorLevel : 3,
      scimToken: secret('scimToken'),
    };
  });
}
