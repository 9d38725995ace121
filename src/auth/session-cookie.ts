import type { Application, Request, Response } from 'express';
import type { AppConfig } from '../core/config/app-config';

/**
 * The refresh token as a cookie, for browsers: the web client keeps its access token in
 * memory only and never sees the refresh token (httpOnly). SameSite=Strict and a path
 * scoped to the API keep it off every other request; Apollo's CSRF prevention (a JSON
 * content type or a preflighted header) guards the API itself. Secure in production.
 * The token-in-body flow stays for other clients; login, refresh and logout do both.
 */
export const REFRESH_COOKIE = 'portal_refresh';
/** Only requests to the API carry the cookie. */
export const REFRESH_COOKIE_PATH = '/graphql';

const SETTINGS = 'portal.refreshCookie';

interface CookieSettings {
  secure: boolean;
}

/** Called once by createApp: the cookie is Secure in production only (http on localhost). */
export function configureSessionCookies(app: Application, config: AppConfig): void {
  app.locals[SETTINGS] = { secure: config.nodeEnv === 'production' } satisfies CookieSettings;
}

function settingsOf(res: Response): CookieSettings {
  return (res.app?.locals[SETTINGS] as CookieSettings | undefined) ?? { secure: true };
}

/** Sets the refresh cookie; it lasts as long as the token (a session cookie without expiresAt). */
export function setRefreshCookie(res: Response, token: string, expiresAt?: Date): void {
  res.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settingsOf(res).secure,
    path: REFRESH_COOKIE_PATH,
    ...(expiresAt ? { expires: expiresAt } : {}),
  });
}

/** Removes the refresh cookie (logout, or a token the API refused). */
export function clearRefreshCookie(res: Response): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: settingsOf(res).secure,
    path: REFRESH_COOKIE_PATH,
  });
}

/** The refresh token the request's cookie carries, if any (no cookie-parser needed). */
export function readRefreshCookie(req: Request): string | undefined {
  const header = req.headers?.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
