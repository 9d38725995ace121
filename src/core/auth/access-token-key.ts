import { createSecretKey, KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The access tokens' HMAC key as a key object, made once per secret. Given the secret as a
 * string, jsonwebtoken first tries to read it as a PEM public key on every sign and verify
 * (about 2–3 ms of CPU each, twice a request: the gate and the guards). Typed as the
 * string the @nestjs/jwt and passport-jwt types expect; jsonwebtoken takes key objects.
 */
export function accessTokenKey(secret: string): string {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret));
    keys.set(secret, key);
  }
  return key as unknown as string;
}
