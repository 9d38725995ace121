import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { ConsentGiver, InformationCategory } from '../../consent/consent-category';
import { ConsentService } from '../../consent/consent.service';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { Clock } from '../../core/clock/clock';
import { startOfStockholmDay } from '../../core/clock/stockholm-calendar';
import { inTransaction } from '../../core/database/transaction';
import { BadInputError, ConflictError } from '../../core/errors/domain-error';
import { StudentFacts } from '../students/students.service';
import { YouthTeamNotifier } from '../youth-team-notifier';
import { FlagConsentInput, WithdrawFlagConsentInput } from './dto/risk-flag.inputs';
import { FLAG_CONSENT_PURPOSE, flagConsentEnd, withdrawnByDefault } from './flag-consent';
import { RiskFlagModel } from './models/risk-flag.model';
import { flagAccessEntry, RISK_FLAG_SUBJECT } from './risk-flag-access';
import { RiskFlagQueriesService } from './risk-flag-queries.service';
import { RiskFlagEntity } from './risk-flag.entity';

export const FLAG_SHARED = 'FLAG_SHARED';

/**
 * Sharing a flag with the home municipality's youth team (samtycke). The consent is an
 * ordinary consent record, documented by the school through the consent module: the
 * municipality's age policy decides whether it suffices, and its withdrawal (here or with
 * withdrawConsent) ends the team's access and tells the team like any other.
 */
@Injectable()
export class RiskFlagConsentService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly consents: ConsentService,
    private readonly queries: RiskFlagQueriesService,
    private readonly youthTeams: YouthTeamNotifier,
  ) {}

  async record(
    ctx: RequestContext,
    flagId: string,
    input: FlagConsentInput,
  ): Promise<RiskFlagModel> {
    return inTransaction(this.ds, async (em) => {
      const flag = await this.queries.findScoped(em, ctx, flagId, Action.Update);
      const [person]: { birth_date: string; home_municipality_code: string }[] = await em.query(
        `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date, home_municipality_code
           FROM young_person WHERE id = $1`,
        [flag.youngPersonId],
      );
      await this.share(
        em,
        ctx,
        flag,
        {
          id: flag.youngPersonId,
          birthDate: person.birth_date,
          homeMunicipalityCode: person.home_municipality_code,
        },
        input,
      );
      return RiskFlagModel.from(flag);
    });
  }

  /**
   * Documents the consent that shares a flag (locked by the caller) with the youth team of
   * the student's home municipality, links it to the flag and tells the team.
   */
  async share(
    em: EntityManager,
    ctx: RequestContext,
    flag: RiskFlagEntity,
    student: StudentFacts,
    input: FlagConsentInput,
  ): Promise<void> {
    if (input.givenOn > this.clock.today())
      throw new BadInputError('givenOn cannot be in the future', { field: 'givenOn' });
    // One in force is enough; one that lapsed (or no longer suffices) may be replaced.
    if (flag.consentId && (await inForce(em, flag.consentId)))
      throw new ConflictError('A consent in force already shares this flag; withdraw it first');
    const teams: { id: string }[] = await em.query(
      `SELECT id FROM organisation WHERE municipality_code = $1 AND kind = 'YOUTH_TEAM' ORDER BY id`,
      [student.homeMunicipalityCode],
    );
    if (!teams.length)
      throw new BadInputError("The student's home municipality has no youth team to share with");
    const validUntil = input.validUntil ?? flagConsentEnd(student.birthDate, input.givenOn);
    const consent = await this.consents.document(em, ctx, student, {
      givenBy: input.givenBy,
      method: input.method,
      purpose: FLAG_CONSENT_PURPOSE,
      recipientOrganisationIds: teams.map((t) => t.id),
      categories: [InformationCategory.SCHOOL],
      validFrom: startOfStockholmDay(input.givenOn),
      validUntil: startOfStockholmDay(validUntil),
    });
    flag.consentId = consent.id;
    await em.getRepository(RiskFlagEntity).save(flag);
    await this.log.record(em, ctx, [
      flagAccessEntry(ctx, AccessAction.UPDATE, [flag], ['consentId']),
    ]);
    await this.youthTeams.notify(em, student.homeMunicipalityCode, {
      kind: FLAG_SHARED,
      subjectType: RISK_FLAG_SUBJECT,
      subjectId: flag.id,
    });
  }

  /** The consent module's withdrawal of the flag's consent, recorded by the school. */
  async withdraw(
    ctx: RequestContext,
    flagId: string,
    input?: WithdrawFlagConsentInput,
  ): Promise<RiskFlagModel> {
    return inTransaction(this.ds, async (em) => {
      const flag = await this.queries.findScoped(em, ctx, flagId, Action.Update);
      if (!flag.consentId) throw new ConflictError('No consent shares this flag');
      const withdrawnBy =
        input?.withdrawnBy ?? withdrawnByDefault(await givenBy(em, flag.consentId));
      await this.consents.withdrawIn(em, ctx, flag.consentId, {
        withdrawnBy,
        reason: input?.reason,
      });
      return RiskFlagModel.from(flag);
    });
  }
}

async function inForce(em: EntityManager, consentId: string): Promise<boolean> {
  const rows: unknown[] = await em.query(`SELECT 1 FROM consent_in_force WHERE id = $1`, [
    consentId,
  ]);
  return rows.length > 0;
}

async function givenBy(em: EntityManager, consentId: string): Promise<ConsentGiver[]> {
  const [row]: { given_by: ConsentGiver[] }[] = await em.query(
    `SELECT given_by FROM consent WHERE id = $1`,
    [consentId],
  );
  return row.given_by;
}
