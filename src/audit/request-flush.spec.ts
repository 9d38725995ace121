import { DataSource } from 'typeorm';
import { Actor } from '../core/auth/actor';
import { PortalRequest, requestContextOf } from '../core/auth/request-context';
import { AppAbility } from '../core/authorization/actions';
import { AccessAction, AccessLogEntry, LegalBasis } from './access-log-entry';
import { AccessLogWriter } from './access-log.writer';
import { RecordBudget } from './record-budget';
import { RequestFlush } from './request-flush';

const read = (id: string): AccessLogEntry => ({
  action: AccessAction.READ,
  subjectType: 'YOUNG_PERSON',
  subjectIds: [id],
  legalBasis: LegalBasis.STATUTORY_DUTY,
});

describe('RequestFlush', () => {
  it('empties the request’s reads in place, so a context made before the flush (a subscription’s) feeds the next one', async () => {
    const written: AccessLogEntry[][] = [];
    const writer = {
      record: (_em: unknown, _who: unknown, entries: AccessLogEntry[]) => {
        written.push([...entries]);
        return Promise.resolve();
      },
    } as unknown as AccessLogWriter;
    const budget = { take: () => undefined } as unknown as RecordBudget;
    const flush = new RequestFlush({ manager: {} } as DataSource, {} as DataSource, writer, budget);
    const req = {
      id: 'r',
      user: { userId: 'u', organisationId: 'o', municipalityCode: '1287' } as Actor,
      ability: {} as AppAbility,
    } as PortalRequest;
    // The subscription's resolver takes its context once, when it subscribes.
    const ctx = requestContextOf(req);
    ctx.pendingReads.push(read('a'));
    expect(await flush.finish(req, undefined)).toEqual({ ok: true });
    // Each event is resolved later through that same context.
    ctx.pendingReads.push(read('b'));
    expect(await flush.finish(req, undefined)).toEqual({ ok: true });
    expect(await flush.finish(req, undefined)).toEqual({ ok: true });
    expect(written.map((batch) => batch.map((e) => e.subjectIds[0]))).toEqual([['a'], ['b']]);
    expect(ctx.pendingReads).toHaveLength(0);
  });
});
