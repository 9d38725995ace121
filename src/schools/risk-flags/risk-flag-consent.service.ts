import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { BadInputError, ConflictError } from '../../core/errors/domain-error';
import { StudentFacts } from '../students/students.service';
import { YouthTeamNotifier } from '../youth-team-notifier';
import { FlagConsentInput } from './dto/risk-flag.inputs';
import { decideFlagConsent } from './flag-consent-policy';
import { RiskFlagModel } from './models/risk-flag.model';
import { flagAccessEntry, RISK_FLAG_SUBJECT } from './risk-flag-access';
import { RiskFlagQueriesService } from './risk-flag-queries.service';
import { RiskFlagEntity } from './risk-flag.entity';
import { Clock } from '../../core/clock/clock';

export const FLAG_SHARED = 'FLAG_SHARED';
export const FLAG_CONSENT_WITHDRAWN = 'FLAG_CONSENT_WITHDRAWN';
const CONSENT_FIELDS = ['consentGivenBy', 'consentMethod', 'consentGivenOn'];

/**
 * The consent (samtycke) recorded by the counsellor that lets the home municipality's
 * youth team see a flag, and its withdrawal. Kept on the flag until the generalised
 * consent record exists (consent_id links the two then).
 */
@Injectable()
export class RiskFlagConsentService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly queries: RiskFlagQueriesService,
    private readonly youthTeams: YouthTeamNotifier,
  ) {}

  async record(
    ctx: RequestContext,
    flagId: string,
    input: FlagConsentInput,
  ): Promise<RiskFlagModel> {
    return this.ds.transaction(async (em) => {
      const flag = await this.queries.findScoped(em, ctx, flagId, Action.Update);
      const [person]: { birth_date: string; home_municipality_code: string }[] = await em.query(
        `SELECT to_char(birth_date, 'YYYY-MM-DD') AS birth_date, home_municipality_code
           FROM young_person WHERE id = $1`,
        [flag.youngPersonId],
      );
      await this.applyConsent(
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
      return RiskFlagModel.from(flag, this.clock.today());
    });
  }

  /** Records the consent on a flag (locked by the caller) and tells the youth team. */
  async applyConsent(
    em: EntityManager,
    ctx: RequestContext,
    flag: RiskFlagEntity,
    student: StudentFacts,
    input: FlagConsentInput,
  ): Promise<void> {
    const today = this.clock.today();
    if (input.givenOn > today) throw new BadInputError('givenOn cannot be in the future');
    if (flag.consentRecordedAt && !flag.consentWithdrawnAt)
      throw new ConflictError('A consent is already recorded for this flag; withdraw it first');
    const decision = decideFlagConsent(student.birthDate, input.givenBy, today);
    Object.assign(flag, {
      consentGivenBy: input.givenBy,
      consentMethod: input.method,
      consentGivenOn: input.givenOn,
      consentValidUntil: decision.validUntil,
      consentRecordedBy: ctx.actor.userId,
      consentRecordedAt: this.clock.now(),
      consentWithdrawnAt: null,
      consentWithdrawalRecordedBy: null,
      sharedWithMunicipalityCode: student.homeMunicipalityCode,
    });
    await em.getRepository(RiskFlagEntity).save(flag);
    await this.log.record(em, ctx, [
      flagAccessEntry(ctx, AccessAction.UPDATE, [flag], CONSENT_FIELDS),
    ]);
    await this.youthTeams.notify(em, student.homeMunicipalityCode, {
      kind: FLAG_SHARED,
      subjectType: RISK_FLAG_SUBJECT,
      subjectId: flag.id,
    });
  }

  /** Access ends on the next request; the youth team is told that it lost it (no content). */
  async withdraw(ctx: RequestContext, flagId: string): Promise<RiskFlagModel> {
    return this.ds.transaction(async (em) => {
      const flag = await this.queries.findScoped(em, ctx, flagId, Action.Update);
      if (!flag.consentRecordedAt || flag.consentWithdrawnAt)
        throw new ConflictError('There is no consent in force to withdraw');
      flag.consentWithdrawnAt = this.clock.now();
      flag.consentWithdrawalRecordedBy = ctx.actor.userId;
      await em.getRepository(RiskFlagEntity).save(flag);
      await this.log.record(em, ctx, [
        flagAccessEntry(ctx, AccessAction.UPDATE, [flag], ['consentWithdrawnAt']),
      ]);
      await this.youthTeams.notify(em, flag.sharedWithMunicipalityCode!, {
        kind: FLAG_CONSENT_WITHDRAWN,
        subjectType: RISK_FLAG_SUBJECT,
        subjectId: flag.id,
      });
      return RiskFlagModel.from(flag, this.clock.today());
    });
  }
}
