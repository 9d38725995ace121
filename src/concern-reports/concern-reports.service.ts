import { requireWorkablePerson } from '../consent/consent-subject';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError } from '../core/errors/domain-error';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { requirePersonalNumber } from '../young-people/personal-number';
import { ageOn } from '../core/clock/stockholm-calendar';
import { ConcernReportEntity } from './concern-report.entity';
import { SendConcernReportInput } from './dto/concern-report.inputs';
import { ConcernReportModel } from './models/concern-report.model';
import { Clock } from '../core/clock/clock';
import {
  existingPersonSubject,
  legalDutySubject,
} from '../young-people/duplicates/legal-duty-subject';
import { registerPerson } from '../young-people/duplicates/register-person';

interface Child {
  id: string;
  birthDate: string;
  homeMunicipalityCode: string;
  /** Internal: the existing person a new record duplicates, to route the report. */
  duplicateOf: string | null;
}

/**
 * Concern reports (orosanmälan): any professional may send one about a child under 18 to
 * the social services of the child's home municipality. No consent is asked for and no
 * access rule stands in the way; the legal basis is the statutory duty to report.
 */
@Injectable()
export class ConcernReportsService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  async send(ctx: RequestContext, input: SendConcernReportInput): Promise<ConcernReportModel> {
    return inTransaction(this.ds, async (em) => {
      const child = await this.child(em, ctx, input);
      if (ageOn(child.birthDate, this.clock.today()) >= 18)
        throw new BadInputError(
          'A concern report (orosanmälan) can only be made about a child under 18; for a young person of 18 or over, contact social services directly',
          { field: 'youngPersonId' },
        );
      // A report about a possible duplicate reaches the existing person's social services;
      // the sender keeps seeing the record and receivers it named (reported_*).
      const routed = child.duplicateOf
        ? await existingPersonSubject(em, child.duplicateOf)
        : await legalDutySubject(em, child.id);
      const named = await this.receivers(em, child.homeMunicipalityCode);
      // Looked up either way: the answer costs the same whether the child existed.
      const receivers = await this.receivers(
        em,
        routed?.homeMunicipalityCode ?? child.homeMunicipalityCode,
      );
      const saved = await em.getRepository(ConcernReportEntity).save({
        youngPersonId: routed?.id ?? child.id,
        municipalityCode: routed?.homeMunicipalityCode ?? child.homeMunicipalityCode,
        senderOrganisationId: ctx.actor.organisationId,
        senderUserId: ctx.actor.userId,
        receiverOrganisationIds: receivers,
        reportedYoungPersonId: routed ? child.id : null,
        reportedMunicipalityCode: routed ? child.homeMunicipalityCode : null,
        reportedReceiverOrganisationIds: routed ? named : null,
        description: input.description,
        immediateDanger: input.immediateDanger,
      });
      for (const id of receivers)
        await this.notifications.notify(
          em,
          { organisationId: id, roles: [...CASE_WORKING_ROLES] },
          {
            kind: input.immediateDanger ? 'CONCERN_REPORT_URGENT' : 'CONCERN_REPORT_RECEIVED',
            subjectType: 'CONCERN_REPORT',
            subjectId: saved.id,
          },
        );
      // Each home municipality's auditors see the row about their own resident.
      const about = routed ? [child.id, routed.id] : [child.id];
      await this.log.record(em, ctx, [
        {
          action: AccessAction.CREATE,
          subjectType: 'CONCERN_REPORT',
          subjectIds: about.map(() => saved.id),
          youngPersonIds: about,
          legalBasis: LegalBasis.STATUTORY_DUTY,
          subjectMunicipalityCode: child.homeMunicipalityCode,
        },
      ]);
      return ConcernReportModel.from(saved, ctx.actor.organisationId);
    });
  }

  private async receivers(em: EntityManager, municipalityCode: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM organisation WHERE municipality_code = $1 AND kind = 'SOCIAL_SERVICES' ORDER BY name`,
      [municipalityCode],
    );
    return rows.map((r) => r.id);
  }

  /**
   * By id, or by personnummer: a child the sender already sees is reused; otherwise a
   * record is made from the names given, also when the number is held elsewhere (a
   * possible duplicate), so the answer reveals nothing of another record.
   */
  private async child(
    em: EntityManager,
    ctx: RequestContext,
    input: SendConcernReportInput,
  ): Promise<Child> {
    if (input.youngPersonId) {
      // A child the sender works with (authz.workable_person: e.g. a case it takes part
      // in, with or without a consent for identity): a legal duty is never blocked there.
      const person = await requireWorkablePerson(em, ctx, input.youngPersonId);
      return { ...person, duplicateOf: null };
    }
    if (
      !input.personalNumber ||
      !input.givenName ||
      !input.familyName ||
      !input.homeMunicipalityCode
    )
      throw new BadInputError(
        'Give youngPersonId, or personalNumber with givenName, familyName and homeMunicipalityCode',
      );
    const pn = requirePersonalNumber(input.personalNumber, 'personalNumber', this.clock.today());
    const municipality: unknown[] = await em.query(`SELECT 1 FROM municipality WHERE code = $1`, [
      input.homeMunicipalityCode,
    ]);
    if (!municipality.length)
      throw new BadInputError('Unknown municipality', { field: 'homeMunicipalityCode' });
    const registration = await registerPerson(em, ctx, {
      personalNumber: pn.normalised,
      coordinationNumber: pn.coordinationNumber,
      birthDate: pn.birthDate,
      givenName: input.givenName.trim(),
      familyName: input.familyName.trim(),
      homeMunicipalityCode: input.homeMunicipalityCode,
    });
    // A record made here may be one the sender cannot read: its facts are what was given.
    if (registration.outcome === 'CREATED')
      return {
        id: registration.id,
        birthDate: pn.birthDate,
        homeMunicipalityCode: input.homeMunicipalityCode,
        duplicateOf: registration.duplicateOf,
      };
    const rows: { id: string; birth_date: string; home_municipality_code: string }[] =
      await em.query(
        `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, home_municipality_code
           FROM young_person WHERE id = $1`,
        [registration.id],
      );
    return {
      id: rows[0].id,
      birthDate: rows[0].birth_date,
      homeMunicipalityCode: rows[0].home_municipality_code,
      duplicateOf: null,
    };
  }
}
