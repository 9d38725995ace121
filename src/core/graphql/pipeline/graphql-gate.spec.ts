import { JwtService } from '@nestjs/jwt';
import { RecordBudget } from '../../../audit/record-budget';
import { AppConfig, loadConfig } from '../../config/app-config';
import { GraphqlGate, MAX_DELAYED_REFUSALS } from './graphql-gate';
import { TrustedDocuments } from './trusted-documents';

function gate(env: Record<string, string>): GraphqlGate {
  const config: AppConfig = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), ...env });
  return new GraphqlGate(
    config,
    new JwtService({ secret: config.jwtSecret }),
    new TrustedDocuments(config),
    new RecordBudget(config),
  );
}

describe('GraphqlGate.answerOverLimit', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers a refusal over the limits after REFUSAL_DELAY_MS, keeping the connection', () => {
    const answered: boolean[] = [];
    gate({ REFUSAL_DELAY_MS: '250' }).answerOverLimit((close) => answered.push(close));
    jest.advanceTimersByTime(249);
    expect(answered).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(answered).toEqual([false]);
  });

  it(`lets at most ${MAX_DELAYED_REFUSALS} wait at once: the next is answered at once and closes its connection`, () => {
    const g = gate({ REFUSAL_DELAY_MS: '250' });
    const answered: boolean[] = [];
    for (let i = 0; i < MAX_DELAYED_REFUSALS + 2; i++) g.answerOverLimit((c) => answered.push(c));
    expect(answered).toEqual([true, true]);
    jest.advanceTimersByTime(250);
    expect(answered.length).toBe(MAX_DELAYED_REFUSALS + 2);
    expect(answered.filter((c) => c).length).toBe(2);
    // Once they are answered, there is room again.
    g.answerOverLimit((c) => answered.push(c));
    expect(answered.length).toBe(MAX_DELAYED_REFUSALS + 2);
    jest.advanceTimersByTime(250);
    expect(answered.at(-1)).toBe(false);
  });

  it('REFUSAL_DELAY_MS=0 answers at once', () => {
    const answered: boolean[] = [];
    gate({ REFUSAL_DELAY_MS: '0' }).answerOverLimit((close) => answered.push(close));
    expect(answered).toEqual([false]);
  });
});
