import { luhnCheckDigit, parsePersonalNumber, requirePersonalNumber } from './personal-number';

const TODAY = '2026-11-22';

describe('personnummer', () => {
  // 811228-9874 is the Skatteverket test example; the others are built with a correct check digit.
  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('811228987')).toBe(4);
    expect(luhnCheckDigit('640823323')).toBe(4);
  });

  it.each([
    ['811228-9874', '198112289874'],
    ['8112289874', '198112289874'],
    ['198112289874', '198112289874'],
    ['19811228-9874', '198112289874'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(parsePersonalNumber(input, TODAY)).toEqual({
      normalised,
      birthDate: '1981-12-28',
      coordinationNumber: false,
    });
  });

  it('puts a ten-digit number in the most recent century that is not in the future', () => {
    const n = `090315-${serialWithCheck('090315', '123')}`;
    expect(parsePersonalNumber(n, TODAY)).toMatchObject({ birthDate: '2009-03-15' });
    const old = `270315-${serialWithCheck('270315', '123')}`;
    expect(parsePersonalNumber(old, TODAY)).toMatchObject({ birthDate: '1927-03-15' });
  });

  it("uses '+' for people 100 years or older", () => {
    const n = `120315+${serialWithCheck('120315', '456')}`;
    expect(parsePersonalNumber(n, TODAY)).toMatchObject({
      birthDate: '1912-03-15',
      normalised: `19120315456${luhnCheckDigit('120315456')}`,
    });
    expect(parsePersonalNumber(`19120315+4560`, TODAY)).toBe('FORMAT');
  });

  it('accepts a samordningsnummer (day + 60) and keeps the +60 in the stored form', () => {
    const n = `0903${75}-${serialWithCheck('090375', '234')}`;
    const parsed = parsePersonalNumber(n, TODAY);
    expect(parsed).toMatchObject({ birthDate: '2009-03-15', coordinationNumber: true });
    expect(typeof parsed !== 'string' && parsed.normalised.slice(0, 8)).toBe('20090375');
  });

  it('rejects a wrong check digit', () => {
    expect(parsePersonalNumber('811228-9875', TODAY)).toBe('CHECK_DIGIT');
  });

  it.each(['810230', '811328', '810000', '810132', '090229'])(
    'rejects the impossible date %s',
    (date) => {
      expect(parsePersonalNumber(`${date}-${serialWithCheck(date, '987')}`, TODAY)).toBe('DATE');
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parsePersonalNumber(`080229-${serialWithCheck('080229', '987')}`, TODAY)).toMatchObject({
      birthDate: '2008-02-29',
    });
  });

  it('rejects a samordningsnummer whose real day is impossible', () => {
    expect(parsePersonalNumber(`0902${89}-${serialWithCheck('090289', '111')}`, TODAY)).toBe(
      'DATE',
    );
  });

  it.each(['', '12345', '811228_9874', 'abcdefghij', '811228-98745', '8112289-874'])(
    'rejects the malformed %p',
    (input) => {
      expect(parsePersonalNumber(input, TODAY)).toBe('FORMAT');
    },
  );

  it('rejects a birth date in the future', () => {
    expect(
      parsePersonalNumber(`20271224${'1234'.slice(0, 3)}${luhnCheckDigit('271224123')}`, TODAY),
    ).toBe('FUTURE_DATE');
  });

  it('throws BAD_USER_INPUT naming the problem without the number', () => {
    expect(() => requirePersonalNumber('811228-9875', 'personalNumber', TODAY)).toThrow(
      /check digit/,
    );
    try {
      requirePersonalNumber('811228-9875', 'personalNumber', TODAY);
    } catch (e) {
      expect((e as Error).message).not.toContain('811228');
      expect((e as { code: string }).code).toBe('BAD_USER_INPUT');
    }
  });
});

function serialWithCheck(date6: string, serial3: string): string {
  return `${serial3}${luhnCheckDigit(date6 + serial3)}`;
}
