import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessAction, AccessLogEntry, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { BasisItem, groupedEntries } from '../consent/access-basis';
import { RequestContext } from '../core/auth/request-context';
import { PersonBasis } from './young-person.access';

export interface LoggedRecord {
  subjectId: string;
  youngPersonId: string;
  homeMunicipalityCode: string;
  /** The basis decided with the row (reads); without it, decided here in one statement. */
  access?: PersonBasis;
}

/**
 * Access-log entries for young-person records, under the legal basis and consent ids that
 * authz.person_row_access gives the caller for the person (statutory duty of the home
 * youth team or a concern report's receiver, an enrolling school's own organisation, a
 * consent, emergency access). No fallback: a record without a basis is not logged as
 * anything else. One entry per legal basis and tenant, never one per row.
 */
@Injectable()
export class YoungPersonLogService {
  constructor(private readonly log: AccessLogWriter) {}

  async entries(
    ctx: RequestContext,
    em: EntityManager,
    action: AccessAction,
    subjectType: string,
    records: LoggedRecord[],
    fields: string[],
  ): Promise<AccessLogEntry[]> {
    const decided = await this.decide(em, records);
    const items: BasisItem[] = records.map((r) => {
      const access = r.access ?? decided.get(key(r));
      if (!access?.basis) throw new Error(`No legal basis for ${subjectType} ${r.subjectId}`);
      return {
        subjectId: r.subjectId,
        youngPersonId: r.youngPersonId,
        municipalityCode: r.homeMunicipalityCode,
        legalBasis: access.basis,
        consentIds: access.consentIds,
      };
    });
    return groupedEntries(action, subjectType, items, fields);
  }

  /**
   * The basis for records that came without one (changes), judged against the home
   * municipality the record names: a change that moves the person away is still the old
   * home team's statutory duty.
   */
  private async decide(em: EntityManager, records: LoggedRecord[]) {
    const open = records.filter((r) => !r.access);
    const decided = new Map<string, PersonBasis>();
    if (!open.length) return decided;
    const rows: { person: string; home: string; basis: LegalBasis | null; consent_ids: string[] }[] =
      await em.query(
        `SELECT r.person, r.home, a.basis, a.consent_ids
           FROM unnest($1::uuid[], $2::text[]) r(person, home),
                authz.person_row_access(r.person, r.home, false) a`,
        [open.map((r) => r.youngPersonId), open.map((r) => r.homeMunicipalityCode)],
      );
    for (const r of rows) {
      decided.set(`${r.person}|${r.home}`, { basis: r.basis, consentIds: r.consent_ids ?? [] });
    }
    return decided;
  }

  /** Buffers the read; it is written in one INSERT before the response leaves. */
  async read(
    ctx: RequestContext,
    em: EntityManager,
    action: AccessAction,
    subjectType: string,
    records: LoggedRecord[],
    fields: string[],
  ): Promise<void> {
    for (const e of await this.entries(ctx, em, action, subjectType, records, fields)) {
      this.log.read(ctx, e);
    }
  }

  /** Writes the change's entries inside its transaction. */
  async change(
    ctx: RequestContext,
    em: EntityManager,
    action: AccessAction,
    subjectType: string,
    records: LoggedRecord[],
    fields: string[],
  ): Promise<void> {
    await this.log.record(
      em,
      ctx,
      await this.entries(ctx, em, action, subjectType, records, fields),
    );
  }

  /** A change to one KAA register row (period, occupation, measure, plan, closure). */
  registerRowChange(
    ctx: RequestContext,
    em: EntityManager,
    action: AccessAction,
    subjectType: string,
    row: { id: string; youngPersonId: string; municipalityCode: string },
    fields: string[],
  ): Promise<void> {
    const record = {
      subjectId: row.id,
      youngPersonId: row.youngPersonId,
      homeMunicipalityCode: row.municipalityCode,
    };
    return this.change(ctx, em, action, subjectType, [record], fields);
  }
}

function key(r: LoggedRecord): string {
  return `${r.youngPersonId.toLowerCase()}|${r.homeMunicipalityCode}`;
}
