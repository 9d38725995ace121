import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isRegisterKeeper } from '../../core/authorization/statutory-youth-team';
import { RequestContext } from '../../core/auth/request-context';
import { SYSTEM_DATA_SOURCE } from '../../core/database/data-source-options';
import { BadInputError } from '../../core/errors/domain-error';
import {
  SchoolFiguresArgs,
  SchoolFiguresModel,
  SchoolMonthFiguresModel,
} from './school-figures.model';

const MAX_MONTHS = 24;
export const SUPPRESS_BELOW = 5;

// Months are Swedish calendar months: local midnight converted to an instant, so an
// event at 23:30 UTC on the 31st belongs to the next month when Sweden is already there.
const MONTH_START = `stockholm_day_start(m.month)`;
const MONTH_END = `stockholm_day_start((m.month + interval '1 month')::date)`;
const within = (column: string) => `${column} >= ${MONTH_START} AND ${column} < ${MONTH_END}`;

/** Monthly figures the municipality follows (seeds/004). Aggregates only. */
@Injectable()
export class SchoolFiguresService {
  // Aggregates count every flag and notice of the municipality, not only the rows the
  // caller may read: they run as the owner, outside row-level security (as the monthly report).
  constructor(@InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource) {}

  async monthly(ctx: RequestContext, args: SchoolFiguresArgs): Promise<SchoolFiguresModel> {
    const municipality = ctx.actor.municipalityCode;
    const rows = await this.count(args, municipality, {
      meetings: 'f.school_municipality_code = $1',
      notices: 'n.home_municipality_code = $1',
      raised: 'f.school_municipality_code = $1',
      // Shared: a consent recorded for the municipality's youth team.
      shared: 'c.municipality_code = $1',
    });
    const suppress = !isYouthTeam(ctx);
    return toModel(municipality, null, suppress, rows);
  }

  /**
   * One school's figures for its counsellor: its own flags, their meetings and the notices
   * it sent, the rows the counsellor reads on the students screen anyway, so no cell is
   * suppressed (suppression hides people the reader could not see one by one).
   */
  async ownSchool(ctx: RequestContext, args: SchoolFiguresArgs): Promise<SchoolFiguresModel> {
    const school = ctx.actor.organisationId;
    const own = 'f.school_organisation_id = $1';
    const rows = await this.count(args, school, {
      meetings: own,
      notices: 'n.school_organisation_id = $1',
      raised: own,
      shared: own,
    });
    return toModel(ctx.actor.municipalityCode, school, false, rows);
  }

  private async count(
    args: SchoolFiguresArgs,
    scope: string,
    where: { meetings: string; notices: string; raised: string; shared: string },
  ): Promise<Record<string, string | number>[]> {
    const span = monthIndex(args.toMonth) - monthIndex(args.fromMonth);
    if (span < 0) throw new BadInputError('toMonth is before fromMonth');
    if (span >= MAX_MONTHS) throw new BadInputError(`At most ${MAX_MONTHS} months at a time`);
    return this.ds.query(
      `WITH months AS (
         SELECT generate_series($2::date, $3::date, interval '1 month')::date AS month)
       SELECT to_char(m.month, 'YYYY-MM') AS month,
         (SELECT count(*) FROM preventive_meeting pm JOIN risk_flag f ON f.id = pm.risk_flag_id
           WHERE ${where.meetings} AND pm.status = 'HELD' AND ${within('pm.meeting_at')})::int AS meetings,
         (SELECT count(*) FROM school_notice n
           WHERE ${where.notices} AND ${within('n.sent_at')})::int AS notices,
         (SELECT count(*) FROM school_notice n
           WHERE ${where.notices} AND n.left_with_plan AND ${within('n.sent_at')})::int AS with_plan,
         (SELECT count(*) FROM risk_flag f
           WHERE ${where.raised} AND ${within('f.created_at')})::int AS raised,
         (SELECT count(*) FROM risk_flag f JOIN consent c ON c.id = f.consent_id
           WHERE ${where.shared} AND ${within('c.created_at')})::int AS shared
       FROM months m ORDER BY m.month`,
      [scope, `${args.fromMonth}-01`, `${args.toMonth}-01`],
    );
  }
}

function toModel(
  municipalityCode: string,
  schoolOrganisationId: string | null,
  suppress: boolean,
  rows: Record<string, string | number>[],
): SchoolFiguresModel {
  const cell = (v: string | number) => {
    const n = Number(v);
    return suppress && n < SUPPRESS_BELOW ? null : n;
  };
  return Object.assign(new SchoolFiguresModel(), {
    municipalityCode,
    schoolOrganisationId,
    smallCountsSuppressed: suppress,
    months: rows.map((r) =>
      Object.assign(new SchoolMonthFiguresModel(), {
        month: String(r.month),
        preventiveMeetingsHeld: cell(r.meetings),
        noticesReceived: cell(r.notices),
        noticesWithPlan: cell(r.with_plan),
        flagsRaised: cell(r.raised),
        flagsShared: cell(r.shared),
      }),
    ),
  });
}

/** DESIGN §6a: small cells are hidden from everyone but the municipality's youth team. */
function isYouthTeam(ctx: RequestContext): boolean {
  return isRegisterKeeper(ctx.actor);
}

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return y * 12 + m - 1;
}
