import { loadAssuranceLevels } from '../config/assurance-levels';
import { Permission, Role } from '../../identity/role.enum';
import { inForce, requiredLevel, twoFactorsByAmr } from './assurance';

describe('assurance per role and permission', () => {
  it('defaults to the strong level for the two permissions that open protected data', () => {
    expect(loadAssuranceLevels(undefined, 3)).toEqual({
      EMERGENCY_ACCESS: 3,
      PROTECTED_IDENTITY: 3,
    });
    expect(loadAssuranceLevels('{"AUDITOR":2}', 3)).toEqual({ AUDITOR: 2 });
  });

  it('refuses unknown names, levels outside 1–4 and what is not an object, naming the variable', () => {
    for (const bad of ['{"ADMIN":2}', '{"AUDITOR":5}', '{"AUDITOR":1.5}', '[]', 'nope'])
      expect(() => loadAssuranceLevels(bad, 3)).toThrow(/ASSURANCE_LEVELS/);
  });

  it('withholds what asks for more than the session has, and keeps the rest', () => {
    const levels = { EMERGENCY_ACCESS: 3, AUDITOR: 2 };
    const held = [Role.SOCIAL_WORKER, Role.AUDITOR];
    const perms = [Permission.EMERGENCY_ACCESS, Permission.PROTECTED_IDENTITY];
    expect(requiredLevel(levels, held, perms)).toBe(3);
    expect(requiredLevel(levels, [Role.SOCIAL_WORKER], [])).toBe(1);
    expect(inForce(levels, 1, held, perms)).toEqual({
      roles: [Role.SOCIAL_WORKER],
      permissions: [Permission.PROTECTED_IDENTITY],
      withheld: [Role.AUDITOR, Permission.EMERGENCY_ACCESS],
    });
    expect(inForce(levels, 3, held, perms).withheld).toEqual([]);
  });

  it('counts two factors by amr: mfa, or two kinds of method, never one kind twice', () => {
    for (const amr of [['mfa'], ['pwd', 'mfa'], ['pwd', 'otp'], ['pin', 'hwk'], ['swk', 'fpt']])
      expect(twoFactorsByAmr(amr)).toBe(true);
    for (const amr of [[], ['pwd'], ['otp'], ['hwk'], ['otp', 'sms'], ['pwd', 'pin'], ['x', 'y']])
      expect(twoFactorsByAmr(amr)).toBe(false);
    expect(twoFactorsByAmr('mfa pwd')).toBe(false);
    expect(twoFactorsByAmr(undefined)).toBe(false);
  });
});
