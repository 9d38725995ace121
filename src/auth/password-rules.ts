import { registerDecorator, ValidationOptions } from 'class-validator';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_RULE = `at least ${PASSWORD_MIN_LENGTH} characters, not a common password (with or without digits or signs around it)`;

const COMMON = new Set(COMMON_PASSWORDS.split('\n'));

/**
 * A common password stays guessable with digits or signs around it ("Password2026!",
 * "!!qwertyuiop"): the check strips them from both ends too.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return COMMON.has(lower) || COMMON.has(lower.replace(/^[^a-z]+|[^a-z]+$/g, ''));
}

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (isCommonPassword(password))
    return 'password is too common (it is on the list of common passwords)';
  return null;
}

/** class-validator rule for every input that sets a password. */
export function PortalPassword(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'portalPassword',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (passwordProblem(args.value) ?? 'invalid password')
            : 'password must be a string',
      },
    });
}
