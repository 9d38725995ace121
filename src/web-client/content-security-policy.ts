import helmet from 'helmet';

/**
 * The API's security headers (helmet), on every answer. The web client is built by Vite
 * into files of its own, so its Content-Security-Policy allows no inline script and no
 * script, style or connection from anywhere but this origin ('self' covers the
 * WebSocket of the subscriptions too). GraphiQL sets its own, looser one on its page.
 */
export const WEB_CLIENT_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders(production: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...WEB_CLIENT_CSP_DIRECTIVES,
        // Over plain http on localhost an upgrade would break every request.
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // http on localhost in development: no HSTS there.
    strictTransportSecurity: production,
  });
}
