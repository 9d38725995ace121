import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { SsoGroupMapping, SsoProviderConfig } from '../core/config/sso-providers';
import { unseal } from '../core/crypto/sealed-secret';
import { queryRows } from '../core/database/query-rows';
import { oidc, OidcConfiguration } from './openid-client';

/** A provider row as a municipality admin configured it (configureIdentityProvider). */
export interface SsoProviderRow {
  id: string;
  slug: string;
  municipality_code: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  subject_claim: string;
  group_claim: string | null;
  groups: Record<string, SsoGroupMapping>;
  acr_levels: Record<string, number>;
  multi_factor_level: number;
  updated_at: Date;
}

export const PROVIDER_COLUMNS = `id, slug, municipality_code, issuer, client_id, client_secret_sealed, subject_claim,
  group_claim, groups, acr_levels, multi_factor_level, updated_at`;

/**
 * The identity providers: those of the configuration (OIDC_PROVIDERS) and those municipality
 * admins configured (read on each use, so a change takes effect at the next login on every
 * instance). Each one's discovered OpenID configuration is kept per version of the
 * provider; a failed discovery is tried again next time.
 */
@Injectable()
export class SsoProvidersService {
  private readonly logger = new Logger(SsoProvidersService.name);
  private readonly discovered = new Map<string, Promise<OidcConfiguration>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {}

  async find(id: string): Promise<SsoProviderConfig | undefined> {
    const configured = this.config.ssoProviders.find((p) => p.id === id);
    if (configured) return configured;
    const [row] = /^[a-z0-9-]{1,40}$/.test(id)
      ? await queryRows<SsoProviderRow>(
          this.ds,
          `SELECT ${PROVIDER_COLUMNS} FROM sso_provider WHERE slug = $1`,
          [id],
        )
      : [];
    return row ? this.fromRow(row) : undefined;
  }

  fromRow(row: SsoProviderRow): SsoProviderConfig {
    return {
      id: row.slug,
      municipalityCode: row.municipality_code,
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecret: unseal(this.config.secretsKey, row.client_secret_sealed),
      subjectClaim: row.subject_claim,
      groupClaim: row.group_claim,
      groups: row.groups,
      acrLevels: row.acr_levels,
      multiFactorLevel: row.multi_factor_level,
      scimToken: null,
      version: row.updated_at.toISOString(),
    };
  }

  callbackUrl(provider: SsoProviderConfig): string {
    return `${this.config.publicUrl}/auth/oidc/${provider.id}/callback`;
  }

  /** Discovery checks that the provider's metadata names the configured issuer. */
  configuration(provider: SsoProviderConfig): Promise<OidcConfiguration> {
    // A changed provider (new issuer, client or secret) is discovered anew.
    const key = `${provider.id}\n${provider.version ?? ''}`;
    let found = this.discovered.get(key);
    if (!found) {
      const issuer = new URL(provider.issuer);
      found = oidc.discovery(
        issuer,
        provider.clientId,
        provider.clientSecret,
        oidc.ClientSecretPost(provider.clientSecret),
        // Plain http only for a provider on this machine (development, the tests).
        isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      // Also check the id_token's signature with the provider's keys: the token endpoint
      // answering over TLS is not enough for a token an attacker may have swapped.
      found = found.then((c) => {
        oidc.enableNonRepudiationChecks(c);
        return c;
      });
      found.catch((e: unknown) => {
        this.discovered.delete(key);
        this.logger.error({ provider: provider.id, err: e }, 'OpenID discovery failed');
      });
      this.discovered.set(key, found);
    }
    return found;
  }
}

export function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
