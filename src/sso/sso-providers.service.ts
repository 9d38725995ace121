import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../core/config/app-config';
import { SsoProviderConfig } from '../core/config/sso-providers';
import { oidc, OidcConfiguration } from './openid-client';

/**
 * The configured identity providers, and each one's discovered OpenID configuration
 * (fetched at first use and kept; a failed discovery is tried again next time).
 */
@Injectable()
export class SsoProvidersService {
  private readonly logger = new Logger(SsoProvidersService.name);
  private readonly discovered = new Map<string, Promise<OidcConfiguration>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  find(id: string): SsoProviderConfig | undefined {
    return this.config.ssoProviders.find((p) => p.id === id);
  }

  all(): SsoProviderConfig[] {
    return this.config.ssoProviders;
  }

  callbackUrl(provider: SsoProviderConfig): string {
    return `${this.config.publicUrl}/auth/oidc/${provider.id}/callback`;
  }

  /** Discovery checks that the provider's metadata names the configured issuer. */
  configuration(provider: SsoProviderConfig): Promise<OidcConfiguration> {
    let found = this.discovered.get(provider.id);
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
        this.discovered.delete(provider.id);
        this.logger.error({ provider: provider.id, err: e }, 'OpenID discovery failed');
      });
      this.discovered.set(provider.id, found);
    }
    return found;
  }
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
