import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { CaseConsentStatus } from './case.enums';
import { CaseConsentAlertModel, CaseModel } from './models/case.model';
import { queryRows } from '../core/database/query-rows';
import { CasesService, RawCaseAccess, withCaseAccess } from './cases.service';

const RE_CONSENT_TITLE = 'Re-consent needed: the young person has turned 18';

/**
 * Consent by age: at 18 a guardian-only consent no longer suffices (consent_in_force
 * already stops honouring it); the case lead gets a re-consent task, once per case and
 * consent. Run by the alerts job on the clock (alerts/alerts.job.ts), never by a query.
 */
@Injectable()
export class ReconsentService {
  constructor(
    private readonly ds: DataSource,
    /** The scheduled jobs look across organisations: they run as the owner. */
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly notifications: NotificationWriter,
    private readonly cases: CasesService,
  ) {}

  /** Idempotent: creates the missing re-consent tasks and notifies their lead users. */
  async createReconsentTasks(): Promise<number> {
    return inTransaction(this.system, (em) => this.run(em));
  }

  private async run(em: EntityManager): Promise<number> {
    const created: { id: string; owner_organisation_id: string; owner_user_id: string }[] =
      await em.query(
        `INSERT INTO case_task (case_id, kind, title, owner_organisation_id, owner_user_id, due_date, consent_id)
         SELECT jc.id, 'RE_CONSENT', $1, jc.lead_organisation_id, jc.lead_user_id, app_today() + 14, c.id
           FROM consent c
           JOIN young_person yp ON yp.id = c.young_person_id
           JOIN joint_case jc ON jc.young_person_id = c.young_person_id AND jc.status = 'OPEN'
          WHERE c.withdrawn_at IS NULL AND c.valid_from <= app_now() AND app_now() < c.valid_until
            AND NOT ('YOUNG_PERSON' = ANY(c.given_by))
            AND age_on(yp.birth_date, app_today()) >= 18
         ON CONFLICT (case_id, consent_id) WHERE kind = 'RE_CONSENT' DO NOTHING
         RETURNING id, owner_organisation_id, owner_user_id`,
        [RE_CONSENT_TITLE],
      );
    for (const t of created)
      await this.notifications.notify(
        em,
        { organisationId: t.owner_organisation_id, userId: t.owner_user_id },
        { kind: 'RE_CONSENT_NEEDED', subjectType: 'CASE_TASK', subjectId: t.id },
      );
    return created.length;
  }

  /**
   * Expiry and an 18th birthday end a consent's effect by themselves (consent_in_force);
   * this tells the organisations it named, once, that they lost access. No content: a
   * kind and the consent id.
   */
  async notifyExpired(): Promise<number> {
    return inTransaction(this.system, async (em) => {
      // Ended: past its end date, or given only by guardians of someone now 18.
      const rows = await queryRows<{ id: string; expired: boolean }>(
        em,
        `UPDATE consent c SET expiry_notified_at = app_now()
           FROM young_person yp
          WHERE yp.id = c.young_person_id AND c.withdrawn_at IS NULL AND c.expiry_notified_at IS NULL
            AND c.valid_from <= app_now()
            AND (c.valid_until <= app_now()
                 OR (NOT ('YOUNG_PERSON' = ANY(c.given_by))
                     AND age_on(yp.birth_date, app_today()) >= 18))
          RETURNING c.id, c.valid_until <= app_now() AS expired`,
      );
      if (!rows.length) return 0;
      const recipients: { consent_id: string; organisation_id: string }[] = await em.query(
        `SELECT consent_id, organisation_id FROM consent_recipient WHERE consent_id = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      const expired = new Set(rows.filter((r) => r.expired).map((r) => r.id));
      for (const r of recipients)
        await this.notifications.notify(
          em,
          { organisationId: r.organisation_id, roles: [...CASE_WORKING_ROLES] },
          {
            kind: expired.has(r.consent_id) ? 'CONSENT_EXPIRED' : 'CONSENT_NO_LONGER_VALID',
            subjectType: 'CONSENT',
            subjectId: r.consent_id,
          },
        );
      return rows.length;
    });
  }

  /**
   * Open cases the caller sees whose consent is missing (no consent in force names the
   * lead or a participant), ends within `withinDays`, or was guardian-only at 18.
   */
  async alerts(ctx: RequestContext, withinDays: number): Promise<CaseConsentAlertModel[]> {
    const qb = this.cases.ownOrJoined(this.cases.visible(this.ds.manager));
    const endsAt = `(SELECT max(cif.valid_until) FROM consent_in_force cif
                      JOIN consent_recipient r ON r.consent_id = cif.id
                      JOIN case_participant p ON p.organisation_id = r.organisation_id AND p.case_id = c.id
                     WHERE cif.young_person_id = c.young_person_id)`;
    // Re-consent is needed from the 18th birthday on, whether or not the job has made the task yet.
    const outdated = `(EXISTS (SELECT 1 FROM case_task t WHERE t.case_id = c.id AND t.kind = 'RE_CONSENT' AND t.status = 'OPEN')
      OR EXISTS (SELECT 1 FROM consent gc JOIN young_person gyp ON gyp.id = gc.young_person_id
                  WHERE gc.young_person_id = c.young_person_id AND gc.withdrawn_at IS NULL
                    AND gc.valid_from <= app_now() AND app_now() < gc.valid_until
                    AND NOT ('YOUNG_PERSON' = ANY(gc.given_by))
                    AND age_on(gyp.birth_date, app_today()) >= 18))`;
    const rows = await qb
      .andWhere(`c.status = 'OPEN'`)
      .addSelect(endsAt, 'ends_at')
      .addSelect(outdated, 'outdated')
      .andWhere(
        `(${endsAt} IS NULL OR ${endsAt} < app_now() + make_interval(days => :days) OR ${outdated})`,
        { days: withinDays },
      )
      .orderBy('c.created_at', 'DESC')
      .limit(500)
      .getRawAndEntities();
    const alerts = rows.entities.map((e, i) => {
      const raw = rows.raw[i] as RawCaseAccess & { ends_at: Date | null; outdated: boolean };
      return { c: withCaseAccess(e, raw), raw };
    });
    this.cases.logRead(
      ctx,
      alerts.map((a) => a.c),
    );
    return alerts.map(({ c, raw }) =>
      Object.assign(new CaseConsentAlertModel(), {
        case: CaseModel.from(c),
        consentEndsAt: raw.ends_at,
        guardianConsentOutdated: raw.outdated,
        status: raw.outdated
          ? CaseConsentStatus.RE_CONSENT_NEEDED
          : !raw.ends_at
            ? CaseConsentStatus.MISSING
            : CaseConsentStatus.ENDING_SOON,
      }),
    );
  }
}
