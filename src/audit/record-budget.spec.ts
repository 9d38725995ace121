import { AppConfig } from '../core/config/app-config';
import { AccessAction, LegalBasis } from './access-log-entry';
import { RecordBudget, recordsShown } from './record-budget';

const config = { recordBudgetPerMinute: 10, recordBudgetPerDay: 25 } as AppConfig;

describe('RecordBudget', () => {
  afterEach(() => jest.useRealTimers());

  it('counts per minute and per day, and a request that would cross either counts in neither', () => {
    jest.useFakeTimers().setSystemTime(new Date('2026-12-02T10:00:00Z'));
    const budget = new RecordBudget(config);
    expect(budget.take('u', 8)).toBeUndefined();
    expect(budget.take('u', 3)).toBe('perMinute');
    expect(budget.take('u', 2)).toBeUndefined();
    expect(budget.exhausted('u')).toBe('perMinute');
    expect(budget.exhausted('other')).toBeUndefined();
    jest.setSystemTime(new Date('2026-12-02T10:01:00Z'));
    expect(budget.take('u', 10)).toBeUndefined();
    jest.setSystemTime(new Date('2026-12-02T10:02:00Z'));
    // 20 of 25 used today: 6 would cross the day, and is not counted in the minute either.
    expect(budget.take('u', 6)).toBe('perDay');
    expect(budget.take('u', 5)).toBeUndefined();
    expect(budget.exhausted('u')).toBe('perDay');
    jest.setSystemTime(new Date('2026-12-03T00:00:00Z'));
    expect(budget.exhausted('u')).toBeUndefined();
  });

  it('counts distinct young people of reads and searches, not changes or exports', () => {
    const entry = (action: AccessAction, ids: string[], people?: string[]) => ({
      action,
      subjectType: 'X',
      subjectIds: ids,
      youngPersonIds: people,
      legalBasis: LegalBasis.STATUTORY_DUTY,
    });
    expect(
      recordsShown([
        entry(AccessAction.READ, ['a', 'b'], ['p1', 'p2']),
        entry(AccessAction.SEARCH, ['c'], ['p1']),
        entry(AccessAction.READ, ['u1']),
        entry(AccessAction.UPDATE, ['d'], ['p3']),
        entry(AccessAction.EXPORT, ['e'], ['p4']),
      ]),
    ).toBe(3);
  });
});
