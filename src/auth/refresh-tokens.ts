import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A refresh token is "<row id>.<secret>"; only a SHA-256 of the secret is stored. */
export function newRefreshSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: sha256(secret) };
}

export function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  return m ? { id: m[1], secret: m[2] } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
