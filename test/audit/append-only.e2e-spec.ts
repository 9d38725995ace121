import { randomUUID } from 'node:crypto';
import { AccessAction, LegalBasis } from '../../src/audit/access-log-entry';
import { AccessLogChainService } from '../../src/audit/access-log-chain.service';
import { AccessLogWriter } from '../../src/audit/access-log.writer';
import { createTestApp, TestApp } from '../support/test-app';

/** The application's own connection can add log rows but never change or remove them. */
describe('access log is append-only for the application', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(AccessLogWriter).record(t.ds.manager, { requestId: 'append-only' }, [
      {
        action: AccessAction.READ,
        subjectType: 'USER',
        subjectIds: [randomUUID()],
        legalBasis: LegalBasis.AUDIT,
      },
      {
        action: AccessAction.READ,
        subjectType: 'USER',
        subjectIds: [randomUUID()],
        legalBasis: LegalBasis.AUDIT,
      },
    ]);
  });
  afterAll(() => t.close());

  const unsealedId = async (): Promise<string> =>
    (await t.ds.query(`SELECT id FROM access_log WHERE hash IS NULL ORDER BY id LIMIT 1`))[0].id;

  it('refuses UPDATE of a row', async () => {
    await expect(t.ds.query(`UPDATE access_log SET action = 'DELETE'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('refuses DELETE of a row', async () => {
    await expect(t.ds.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
  });

  it('refuses TRUNCATE', async () => {
    await expect(t.ds.query(`TRUNCATE access_log`)).rejects.toThrow(/append-only/);
  });

  it('refuses sealing a row while also changing its content', async () => {
    const id = await unsealedId();
    await expect(
      t.ds.query(
        `UPDATE access_log SET seal_seq = 999, prev_hash = '', hash = 'x', action = 'EXPORT' WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses re-sealing a sealed row with another hash', async () => {
    await t.app.get(AccessLogChainService).seal();
    await expect(t.ds.query(`UPDATE access_log SET hash = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('keeps every row after the refused statements', async () => {
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int AS n FROM access_log WHERE request_id = 'append-only' AND action = 'READ'`,
    );
    expect(n).toBe(2);
  });
});
