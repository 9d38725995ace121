import { Permission, Role } from '../../identity/role.enum';
import { ConfigError } from './app-config';

/** What a role or a permission asks of the sign-in: a minimum assurance level (1–4). */
export type AssuranceLevels = Partial<Record<Role | Permission, number>>;

const NAMES = new Set<string>([...Object.values(Role), ...Object.values(Permission)]);

/**
 * ASSURANCE_LEVELS: a JSON object from role or permission to the least level a session
 * needs for it, e.g. {"EMERGENCY_ACCESS":3,"PROTECTED_IDENTITY":3,"AUDITOR":2}. Unset:
 * the two permissions that open protected data need STRONG_LOGIN_LEVEL (DESIGN §9).
 */
export function loadAssuranceLevels(
  value: string | undefined,
  strongLoginLevel: number,
): AssuranceLevels {
  if (value === undefined || value.trim() === '')
    return {
      [Permission.EMERGENCY_ACCESS]: strongLoginLevel,
      [Permission.PROTECTED_IDENTITY]: strongLoginLevel,
    };
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    raw = null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ConfigError('ASSURANCE_LEVELS', 'ASSURANCE_LEVELS must be a JSON object');
  for (const [name, level] of Object.entries(raw)) {
    if (!NAMES.has(name))
      throw new ConfigError(
        'ASSURANCE_LEVELS',
        `ASSURANCE_LEVELS: ${name} is no role or permission`,
      );
    if (!Number.isInteger(level) || (level as number) < 1 || (level as number) > 4)
      throw new ConfigError('ASSURANCE_LEVELS', `ASSURANCE_LEVELS.${name} must be a level 1–4`);
  }
  return raw as AssuranceLevels;
}
