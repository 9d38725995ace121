import { isCommonPassword, passwordProblem } from './password-rules';

describe('password rules', () => {
  it.each(['password', 'Password2026!', 'qwertyuiop', '!!iloveyou123', 'Sunshine1'])(
    'finds %s on the shipped list of common passwords',
    (pw) => expect(isCommonPassword(pw)).toBe(true),
  );

  it.each(['correct horse battery staple', 'Demo-portal-2026', 'a long enough password'])(
    'accepts %s',
    (pw) => expect(passwordProblem(pw)).toBeNull(),
  );

  it('names the rule a password breaks', () => {
    expect(passwordProblem('short')).toMatch(/at least 12 characters/);
    expect(passwordProblem('Password123456')).toMatch(/too common/);
  });
});
