import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

// openid-client and jose ship ES modules only. Node 20.19+ and 24 load them with
// require() (the portal is CommonJS); Jest compiles them (jest.config.js).
/* eslint-disable @typescript-eslint/no-require-imports */
export const oidc = require('openid-client') as typeof OpenIdClient;
export const jose = require('jose') as typeof Jose;
/* eslint-enable @typescript-eslint/no-require-imports */
export type OidcConfiguration = OpenIdClient.Configuration;
