import { Injectable } from '@nestjs/common';
import { ArgsType } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { isStatutoryYouthTeam } from '../core/authorization/statutory-youth-team';
import { SqlParams } from '../core/database/sql-params';
import { decodeCursor, Page, PageArgs, pageSize, toPage } from '../core/graphql/connection';
import { KaaRegisterCandidateModel, KaaRegisterLeaverModel } from './models/kaa.models';
import { exitReasonFor, suggestedEntryReason } from './register-rules';
import {
  BELONGS_IN_REGISTER_SQL,
  latestPopulationSql,
  notInLatestPopulationSql,
  REGISTER_PERSON_SQL,
  RESIDENCE_FACTS,
  SCHOOLING_FACTS,
  SHOULD_LEAVE_SQL,
} from './register-rules.sql';
import {
  entryReasons,
  exitReasons,
  SourceRef,
  SourcedSchooling,
} from './reconciliation/reconciliation-reasons';

/** Both lists are the caller's own register: its latest population extract is decided once. */
const OWN = 'authz.municipality_code()';

@ArgsType()
export class RegisterRuleArgs extends PageArgs {}

interface FactRow {
  young_person_id: string;
  given_name: string;
  family_name: string;
  age: number;
  home_municipality_code: string;
  schooling: SourcedSchooling[];
  residence: SourceRef | null;
  moved_in_on: string | null;
  not_in_population: SourceRef | null;
  facts?: Partial<FactRow>;
  kaa_period_id?: string;
  period_municipality_code?: string;
  total_count: number;
}

/**
 * The register rules as queries over the caller's register: who should be in it but is
 * not, and whose open period should end (conditions: register-rules.sql.ts).
 */
@Injectable()
export class RegisterRulesService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async candidates(
    ctx: RequestContext,
    args: RegisterRuleArgs,
  ): Promise<Page<KaaRegisterCandidateModel>> {
    const size = pageSize(args);
    if (!isStatutoryYouthTeam(ctx.actor)) return toPage([], size, 0, () => []);
    const p = new SqlParams();
    // The own municipality's residents (index narrowing); RLS and youth_team_of decide.
    const rows = await this.query(
      p,
      `SELECT yp.id AS young_person_id, yp.given_name, yp.family_name, yp.home_municipality_code,
              age_on(yp.birth_date, app_today()) AS age,
              NULL::uuid AS kaa_period_id, NULL::text AS period_municipality_code, yp.id AS key_id
       FROM young_person yp
       ${latestPopulationSql(OWN)}
       WHERE yp.home_municipality_code = authz.municipality_code()
         AND authz.youth_team_of(yp.home_municipality_code)
         AND ${BELONGS_IN_REGISTER_SQL}
         AND NOT ${notInLatestPopulationSql(OWN)}
         AND NOT EXISTS (SELECT 1 FROM kaa_period p WHERE p.young_person_id = yp.id
                          AND p.municipality_code = yp.home_municipality_code AND p.exit_date IS NULL)`,
      `SELECT ${SCHOOLING_FACTS}, ${RESIDENCE_FACTS}, NULL::json AS not_in_population
       FROM young_person yp WHERE yp.id = page.young_person_id`,
      args,
      size,
    );
    const models = rows.map((r) =>
      Object.assign(new KaaRegisterCandidateModel(), {
        youngPersonId: r.young_person_id,
        givenName: r.given_name,
        familyName: r.family_name,
        age: r.age,
        suggestedEntryReason: suggestedEntryReason(r.schooling, r.moved_in_on !== null),
        reasons: entryReasons({
          residence: r.residence,
          movedInOn: r.moved_in_on,
          schooling: r.schooling,
        }),
      }),
    );
    this.logRead(
      ctx,
      'KAA_REGISTER_CANDIDATE',
      models.slice(0, size),
      () => ctx.actor.municipalityCode,
    );
    return toPage(models, size, rows[0]?.total_count ?? 0, (m) => [
      m.familyName,
      m.givenName,
      m.youngPersonId,
    ]);
  }

  async leavers(
    ctx: RequestContext,
    args: RegisterRuleArgs,
  ): Promise<Page<KaaRegisterLeaverModel>> {
    const size = pageSize(args);
    if (!isStatutoryYouthTeam(ctx.actor)) return toPage([], size, 0, () => []);
    const p = new SqlParams();
    // The own register's open periods; a person who moved away is still the register's to close.
    const rows = await this.query(
      p,
      `SELECT yp.id AS young_person_id, yp.given_name, yp.family_name, yp.home_municipality_code,
              age_on(yp.birth_date, app_today()) AS age,
              kp.id AS kaa_period_id, kp.municipality_code::text AS period_municipality_code, kp.id AS key_id
       FROM kaa_period kp
       ${REGISTER_PERSON_SQL}
       ${latestPopulationSql(OWN)}
       WHERE kp.municipality_code = authz.municipality_code() AND kp.exit_date IS NULL
         AND (${SHOULD_LEAVE_SQL} OR ${notInLatestPopulationSql(OWN)})`,
      `SELECT ${SCHOOLING_FACTS}, ${RESIDENCE_FACTS},
              CASE WHEN ${notInLatestPopulationSql(OWN)} THEN lp.ref END AS not_in_population
       FROM kaa_period kp
       CROSS JOIN LATERAL authz.register_person(kp.young_person_id, kp.municipality_code) yp
       ${latestPopulationSql(OWN)}
       WHERE kp.id = page.kaa_period_id`,
      args,
      size,
    );
    const models = rows.map((r) =>
      Object.assign(new KaaRegisterLeaverModel(), {
        kaaPeriodId: r.kaa_period_id,
        youngPersonId: r.young_person_id,
        givenName: r.given_name,
        familyName: r.family_name,
        age: r.age,
        homeMunicipalityCode: r.home_municipality_code,
        suggestedExitReason: exitReasonFor({
          age: r.age,
          homeMunicipalityCode: r.home_municipality_code,
          periodMunicipalityCode: r.period_municipality_code!,
          schooling: r.schooling,
          inLatestPopulationExtract: r.not_in_population === null,
        }),
        reasons: exitReasons({
          age: r.age,
          homeMunicipalityCode: r.home_municipality_code,
          periodMunicipalityCode: r.period_municipality_code!,
          residence: r.residence,
          notInLatestPopulation: r.not_in_population,
          schooling: r.schooling,
        }),
      }),
    );
    // A person handed over is a resident of the new home: the read counts there.
    this.logRead(ctx, 'KAA_REGISTER_LEAVER', models.slice(0, size), (m) => m.homeMunicipalityCode);
    return toPage(models, size, rows[0]?.total_count ?? 0, (m) => [
      m.familyName,
      m.givenName,
      m.kaaPeriodId,
    ]);
  }

  /**
   * Name order with a keyset cursor; the count comes with the page. `base` decides the
   * rows; `facts` (correlated with `page`) explains them, for the page's rows only.
   */
  private async query(p: SqlParams, base: string, facts: string, args: PageArgs, size: number) {
    let cursor = 'TRUE';
    if (args.after) {
      const [family, given, id] = decodeCursor(args.after, 3).map(String);
      cursor = `(f.family_name, f.given_name, f.key_id) > (${p.add(family)}, ${p.add(given)}, ${p.add(id)}::uuid)`;
    }
    const rows: FactRow[] = await this.ds.query(
      `WITH f AS (${base})
       SELECT page.*, (SELECT row_to_json(x) FROM (${facts}) x) AS facts, t.total_count
       FROM (SELECT count(*)::int AS total_count FROM f) t
       LEFT JOIN LATERAL (SELECT * FROM f WHERE ${cursor}
                          ORDER BY f.family_name, f.given_name, f.key_id LIMIT ${p.add(size + 1)}) page ON TRUE
       ORDER BY page.family_name, page.given_name, page.key_id`,
      p.values,
    );
    // A subquery in the select list runs per page row; as a LATERAL join the planner
    // decorrelated it and explained the whole register (1 s at 10 000 periods).
    return rows.filter((r) => r.young_person_id !== null).map((r) => ({ ...r, ...r.facts }));
  }

  /** One entry per home municipality of the people shown (the subject's municipality counts). */
  private logRead<T extends { youngPersonId: string }>(
    ctx: RequestContext,
    subjectType: string,
    rows: T[],
    home: (r: T) => string,
  ) {
    const byHome = new Map<string, string[]>();
    for (const r of rows) byHome.set(home(r), [...(byHome.get(home(r)) ?? []), r.youngPersonId]);
    for (const [municipality, ids] of byHome)
      this.log.read(ctx, {
        action: AccessAction.READ,
        subjectType,
        subjectIds: ids,
        youngPersonIds: ids,
        fields: ['givenName', 'familyName', 'birthDate', 'schooling', 'kaaPeriods'],
        legalBasis: LegalBasis.STATUTORY_DUTY,
        subjectMunicipalityCode: municipality,
      });
  }
}
