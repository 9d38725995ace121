import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { queryRows } from '../core/database/query-rows';
import { inTransaction } from '../core/database/transaction';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';

/** How far ahead "ends soon" looks (DESIGN.md §6: a list shows consents that end soon). */
export const CONSENT_ENDING_DAYS = 14;

/**
 * The alerts that only the calendar triggers: a consent in force ending within
 * CONSENT_ENDING_DAYS, and an open task reaching its due date. Each UPDATE … RETURNING
 * marks what it tells, so an alert is written once, whichever instance runs first.
 */
@Injectable()
export class DueAlertsService {
  constructor(
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly notifications: NotificationWriter,
  ) {}

  /** The organisation that documented the consent is told: it is the one to renew it. */
  notifyConsentsEnding(): Promise<number> {
    return inTransaction(this.system, async (em) => {
      const rows = await queryRows<{ id: string; documented_by_organisation_id: string }>(
        em,
        `UPDATE consent c SET ending_notified_at = app_now()
          WHERE c.id IN (SELECT cif.id FROM consent_in_force cif
                          WHERE cif.valid_until < app_now() + make_interval(days => $1))
            AND c.ending_notified_at IS NULL
          RETURNING c.id, c.documented_by_organisation_id`,
        [CONSENT_ENDING_DAYS],
      );
      for (const r of rows)
        await this.notifications.notify(
          em,
          { organisationId: r.documented_by_organisation_id, roles: [...CASE_WORKING_ROLES] },
          { kind: 'CONSENT_ENDING_SOON', subjectType: 'CONSENT', subjectId: r.id },
        );
      return rows.length;
    });
  }

  /** The task's owner user, or the owner organisation's case workers when it has none. */
  notifyTasksDue(): Promise<number> {
    return inTransaction(this.system, async (em) => {
      const rows = await queryRows<{
        id: string;
        owner_organisation_id: string;
        owner_user_id: string | null;
      }>(
        em,
        `UPDATE case_task SET due_notified_at = app_now()
          WHERE status = 'OPEN' AND due_notified_at IS NULL AND due_date <= app_today()
          RETURNING id, owner_organisation_id, owner_user_id`,
      );
      for (const r of rows)
        await this.notifications.notify(
          em,
          r.owner_user_id
            ? { organisationId: r.owner_organisation_id, userId: r.owner_user_id }
            : { organisationId: r.owner_organisation_id, roles: [...CASE_WORKING_ROLES] },
          { kind: 'TASK_DUE', subjectType: 'CASE_TASK', subjectId: r.id },
        );
      return rows.length;
    });
  }
}
