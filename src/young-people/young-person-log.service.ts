import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessAction, AccessLogEntry, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { basisFor, BasisItem, groupedEntries } from '../consent/access-basis';
import { AccessSnapshotService } from '../consent/access-snapshot.service';
import { InformationCategory } from '../consent/consent-category';
import { RequestContext } from '../core/auth/request-context';
import { isStatutoryFor } from './young-people.abilities';

export interface LoggedRecord {
  subjectId: string;
  youngPersonId: string;
  homeMunicipalityCode: string;
}

/**
 * Access-log entries for young-person records: the KAA register keeper reads under its
 * statutory duty; anyone else (a consent, a school enrolment, emergency access granted by
 * another contributor) under the basis the consent snapshot names. One entry per legal
 * basis and tenant, never one per row.
 */
@Injectable()
export class YoungPersonLogService {
  constructor(
    private readonly log: AccessLogWriter,
    private readonly snapshots: AccessSnapshotService,
  ) {}

  async entries(
    ctx: RequestContext,
    em: EntityManager,
    action: AccessAction,
    subjectType: string,
    records: LoggedRecord[],
    fields: string[],
  ): Promise<AccessLogEntry[]> {
    const items: BasisItem[] = [];
    for (const r of records) {
      if (isStatutoryFor(ctx.actor, r.homeMunicipalityCode)) {
        items.push({
          subjectId: r.subjectId,
          youngPersonId: r.youngPersonId,
          municipalityCode: r.homeMunicipalityCode,
          legalBasis: LegalBasis.STATUTORY_DUTY,
          consentIds: [],
        });
        continue;
      }
      const snapshot = await this.snapshots.load(ctx.actor, em);
      items.push({
        subjectId: r.subjectId,
        youngPersonId: r.youngPersonId,
        municipalityCode: r.homeMunicipalityCode,
        ...basisFor(snapshot, r.youngPersonId, {
          own: false,
          categories: [InformationCategory.IDENTITY],
        }),
      });
    }
    return groupedEntries(action, subjectType, items, fields);
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
