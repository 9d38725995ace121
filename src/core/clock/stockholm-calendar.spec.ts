import {
  addDays,
  ageOn,
  birthday,
  isCalendarDate,
  startOfStockholmDay,
  stockholmDate,
} from './stockholm-calendar';

describe('Stockholm calendar', () => {
  it('takes the Swedish date, not the UTC one, near midnight', () => {
    expect(stockholmDate(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(stockholmDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // summer time
    expect(stockholmDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(stockholmDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('derives age in whole years; a 29 February birthday counts from 1 March', () => {
    expect(ageOn('2008-11-22', '2026-11-22')).toBe(18);
    expect(ageOn('2008-11-23', '2026-11-22')).toBe(17);
    expect(ageOn('2006-12-31', '2026-11-22')).toBe(19);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('starts a Swedish day at local midnight, across daylight saving changes', () => {
    expect(startOfStockholmDay('2026-12-01').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(startOfStockholmDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfStockholmDay('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z'); // DST starts
    expect(startOfStockholmDay('2027-03-29').toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect(startOfStockholmDay('2027-10-31').toISOString()).toBe('2027-10-30T22:00:00.000Z'); // DST ends
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });
});

describe('calendar dates', () => {
  it('accepts only real dates', () => {
    expect(['2028-02-29', '2026-12-31', '2027-01-01'].map(isCalendarDate)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['2027-02-29', '2026-04-31', '2026-13-01', '2026-1-01', ''].map(isCalendarDate)).toEqual(
      [false, false, false, false, false],
    );
  });

  it('puts a 29 February birthday on 1 March in common years, as ageOn counts it', () => {
    expect(birthday('2012-02-29', 15)).toBe('2027-03-01');
    expect(birthday('2012-02-29', 16)).toBe('2028-02-29');
    expect(ageOn('2012-02-29', birthday('2012-02-29', 15))).toBe(15);
    expect(ageOn('2012-02-29', '2027-02-28')).toBe(14);
  });
});
