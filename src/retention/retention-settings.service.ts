import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { RetentionSettingsInput } from './dto/retention-settings.input';
import { RetentionSettingsModel } from './models/retention-settings.model';
import { RETENTION_DEFAULTS } from './retention-defaults';

interface SettingRow {
  kaa_months: number;
  closed_case_months: number;
  notice_flag_months: number;
  withdrawn_consent_months: number;
  access_log_years: number;
  updated_at: Date;
}

/** The caller's own municipality only: the admin's municipality is the tenant key. */
@Injectable()
export class RetentionSettingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async get(ctx: RequestContext): Promise<RetentionSettingsModel> {
    const code = ctx.actor.municipalityCode;
    const rows: SettingRow[] = await this.ds.query(
      `SELECT kaa_months, closed_case_months, notice_flag_months, withdrawn_consent_months,
              access_log_years, updated_at
       FROM retention_setting WHERE municipality_code = $1`,
      [code],
    );
    return toModel(code, rows[0]);
  }

  async set(ctx: RequestContext, input: RetentionSettingsInput): Promise<RetentionSettingsModel> {
    const code = ctx.actor.municipalityCode;
    return inTransaction(this.ds, async (em) => {
      const rows: SettingRow[] = await em.query(
        `INSERT INTO retention_setting (municipality_code, kaa_months, closed_case_months,
           notice_flag_months, withdrawn_consent_months, access_log_years, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, coalesce($7::int, ${RETENTION_DEFAULTS.accessLogYears}), $6, app_now())
         ON CONFLICT (municipality_code) DO UPDATE SET kaa_months = EXCLUDED.kaa_months,
           closed_case_months = EXCLUDED.closed_case_months,
           notice_flag_months = EXCLUDED.notice_flag_months,
           withdrawn_consent_months = EXCLUDED.withdrawn_consent_months,
           access_log_years = coalesce($7::int, retention_setting.access_log_years),
           updated_by = EXCLUDED.updated_by, updated_at = app_now()
         RETURNING kaa_months, closed_case_months, notice_flag_months, withdrawn_consent_months,
                   access_log_years, updated_at`,
        [
          code,
          input.kaaMonths,
          input.closedCaseMonths,
          input.noticeFlagMonths,
          input.withdrawnConsentMonths,
          ctx.actor.userId,
          input.accessLogYears ?? null,
        ],
      );
      // Shorter periods delete personal data on the next run: the change is on record.
      await this.log.record(em, ctx, [
        {
          action: AccessAction.UPDATE,
          subjectType: 'RETENTION_SETTING',
          subjectIds: [],
          fields: Object.keys(input).sort(),
          legalBasis: LegalBasis.ADMINISTRATION,
          subjectMunicipalityCode: code,
        },
      ]);
      return toModel(code, rows[0]);
    });
  }
}

function toModel(code: string, row: SettingRow | undefined): RetentionSettingsModel {
  return Object.assign(new RetentionSettingsModel(), {
    municipalityCode: code,
    kaaMonths: row?.kaa_months ?? RETENTION_DEFAULTS.kaaMonths,
    closedCaseMonths: row?.closed_case_months ?? RETENTION_DEFAULTS.closedCaseMonths,
    noticeFlagMonths: row?.notice_flag_months ?? RETENTION_DEFAULTS.noticeFlagMonths,
    withdrawnConsentMonths:
      row?.withdrawn_consent_months ?? RETENTION_DEFAULTS.withdrawnConsentMonths,
    accessLogYears: row?.access_log_years ?? RETENTION_DEFAULTS.accessLogYears,
    customised: row !== undefined,
    updatedAt: row?.updated_at ?? null,
  });
}
