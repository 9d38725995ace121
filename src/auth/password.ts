import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (the algorithm @node-rs/argon2 picks by default). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Verifying against this costs as much as a real check, so unknown e-mails are not faster. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('not-a-real-password-for-timing');
  return dummyHash;
}
