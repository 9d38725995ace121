import { AssuranceLevels } from '../config/assurance-levels';
import { Permission, Role } from '../../identity/role.enum';

/** The least level a sign-in needs for everything the user holds (1: a password will do). */
export function requiredLevel(
  levels: AssuranceLevels,
  roles: readonly Role[],
  permissions: readonly Permission[],
): number {
  return Math.max(1, ...[...roles, ...permissions].map((n) => levels[n] ?? 1));
}

/**
 * What a session of the given level may use: a role or permission that asks for more is
 * withheld (listed, so the client can say why and offer the second factor), not refused
 * outright, so a user who holds one can still sign in and enrol.
 */
export function inForce(
  levels: AssuranceLevels,
  sessionLevel: number,
  roles: readonly Role[],
  permissions: readonly Permission[],
): { roles: Role[]; permissions: Permission[]; withheld: (Role | Permission)[] } {
  const ok = (n: Role | Permission) => (levels[n] ?? 1) <= sessionLevel;
  return {
    roles: roles.filter(ok),
    permissions: permissions.filter(ok),
    withheld: [...roles, ...permissions].filter((n) => !ok(n)),
  };
}

/**
 * RFC 8176's methods by the kind of factor each is: two factors are two kinds (a password
 * and a one-time code), not two of one kind (a code by app and one by text message).
 */
const FACTOR_KIND: Record<string, 'know' | 'have' | 'are'> = {
  pwd: 'know',
  pin: 'know',
  kba: 'know',
  otp: 'have',
  hwk: 'have',
  swk: 'have',
  sms: 'have',
  tel: 'have',
  sc: 'have',
  fpt: 'are',
  face: 'are',
  iris: 'are',
  retina: 'are',
  vbm: 'are',
};

/** Whether a provider's amr claim shows two factors: mfa, or methods of two kinds. */
export function twoFactorsByAmr(amr: unknown): boolean {
  const methods = Array.isArray(amr) ? amr.map(String) : [];
  if (methods.includes('mfa')) return true;
  return new Set(methods.map((m) => FACTOR_KIND[m]).filter(Boolean)).size >= 2;
}
