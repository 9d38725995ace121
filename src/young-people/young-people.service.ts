import { subject as asSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../audit/access-log-entry';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConflictError, NotFoundError } from '../core/errors/domain-error';
import { Page, pageSize, toPage } from '../core/graphql/connection';
import {
  CreateYoungPersonInput,
  UpdateYoungPersonInput,
  YoungPeopleArgs,
} from './dto/young-person.inputs';
import { YoungPersonModel } from './models/young-person.model';
import { requirePersonalNumber } from './personal-number';
import { scopedYoungPersonIds, SqlParams } from './young-person.access';
import { exposedFields, toYoungPersonModel } from './young-person.mapper';
import { LoggedRecord, YoungPersonLogService } from './young-person-log.service';
import { YOUNG_PERSON } from './young-person-fields';
import { pageByName, queryYoungPeople, YoungPersonRow } from './young-people.query';
import { Clock } from '../core/clock/clock';
import { registerPerson, renumberPerson } from './duplicates/register-person';

export const YOUNG_PERSON_SUBJECT = 'YOUNG_PERSON';

/** What a change needs to know about the person it touches. */
export interface LockedPerson {
  id: string;
  homeMunicipalityCode: string;
  protectedIdentity: boolean;
  /** Whether the caller sees contact and address (authz.person_row_access). */
  contact: boolean;
}

/**
 * The young person row for a change, locked, if the caller may `action` it; NOT_FOUND
 * otherwise (not allowed and not there are the same answer).
 */
export async function lockYoungPerson(
  em: EntityManager,
  ctx: RequestContext,
  id: string,
  action: Action = Action.Update,
): Promise<LockedPerson> {
  const p = new SqlParams();
  const scope = scopedYoungPersonIds(em, ctx.ability, action, p);
  if (!scope) throw new NotFoundError('Young person');
  const rows: {
    id: string;
    home_municipality_code: string;
    protected_identity: boolean;
    contact: boolean | null;
  }[] = await em.query(
    `SELECT yp.id, yp.home_municipality_code, yp.protected_identity, a.contact
       FROM young_person yp,
            authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) a
      WHERE yp.id = ${p.add(id)} AND yp.id IN (${scope}) FOR UPDATE OF yp`,
    p.values,
  );
  if (!rows[0]) throw new NotFoundError('Young person');
  return {
    id: rows[0].id,
    homeMunicipalityCode: rows[0].home_municipality_code,
    protectedIdentity: rows[0].protected_identity,
    contact: rows[0].contact ?? false,
  };
}

@Injectable()
export class YoungPeopleService {
  constructor(
    private readonly ds: DataSource,
    private readonly logs: YoungPersonLogService,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext, args: YoungPeopleArgs): Promise<Page<YoungPersonModel>> {
    const size = pageSize(args);
    const today = this.clock.today();
    const page = await pageByName(this.ds, { args, size, today });
    const result = page ?? (await queryYoungPeople(this.ds, { args, size, today }));
    // A plain page by name is counted only when asked for (its cost grows with the
    // caseload), in a savepoint, so a count that runs out of time costs only its own field.
    const counted = page === null;
    const total = counted
      ? (result[0]?.total_count ?? 0)
      : () =>
          inTransaction(
            this.ds,
            async (em) =>
              (await queryYoungPeople(em, { args, size: 0, today }))[0]?.total_count ?? 0,
          );
    const rows = result.filter((r) => r.id !== null);
    const models = rows.map(toYoungPersonModel);
    const shown = models.slice(0, size);
    await this.logs.read(
      ctx,
      this.ds.manager,
      args.search ? AccessAction.SEARCH : AccessAction.READ,
      YOUNG_PERSON_SUBJECT,
      rows.slice(0, size).map(loggedRecord),
      exposedFields(shown),
    );
    const keysById = new Map(rows.map((r) => [r.id, r.sort_keys]));
    return toPage(models, size, total, (m) => keysById.get(m.id)!);
  }

  async get(ctx: RequestContext, id: string): Promise<YoungPersonModel> {
    const [row] = (
      await queryYoungPeople(this.ds, { ids: [id], size: 1, today: this.clock.today() })
    ).filter((r) => r.id !== null);
    if (!row) throw new NotFoundError('Young person');
    const model = toYoungPersonModel(row);
    await this.logs.read(
      ctx,
      this.ds.manager,
      AccessAction.READ,
      YOUNG_PERSON_SUBJECT,
      [loggedRecord(row)],
      [...model.readable],
    );
    return model;
  }

  async create(ctx: RequestContext, input: CreateYoungPersonInput): Promise<YoungPersonModel> {
    const pnr = requirePersonalNumber(input.personalNumber, 'personalNumber', this.clock.today());
    const home = input.homeMunicipalityCode ?? ctx.actor.municipalityCode;
    if (!ctx.ability.can(Action.Create, asSubject(YOUNG_PERSON, { homeMunicipalityCode: home }))) {
      throw new BadInputError('homeMunicipalityCode must be your own municipality', {
        field: 'homeMunicipalityCode',
      });
    }
    return inTransaction(this.ds, async (em) => {
      const registration = await registerPerson(em, ctx, {
        personalNumber: pnr.normalised,
        coordinationNumber: pnr.coordinationNumber,
        birthDate: pnr.birthDate,
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        homeMunicipalityCode: home,
        streetAddress: clean(input.streetAddress),
        postalCode: clean(input.postalCode),
        city: clean(input.city),
        phone: clean(input.phone),
        email: clean(input.email),
        preferredLanguage: clean(input.preferredLanguage),
        protectedIdentity: input.protectedIdentity ?? false,
      });
      // Only a record the caller already sees is a conflict; one held elsewhere is not
      // revealed: the new record becomes a possible duplicate for its youth team.
      if (registration.outcome === 'VISIBLE') {
        throw new ConflictError('A young person with this personnummer is already registered', {
          field: 'personalNumber',
        });
      }
      const id = registration.id;
      for (const g of input.guardians ?? []) {
        await em.query(
          `INSERT INTO guardian (young_person_id, name, phone, email, street_address, declined_contact, declined_contact_at)
           VALUES ($1,$2,$3,$4,$5,$6, CASE WHEN $6 THEN app_now() END)`,
          [
            id,
            g.name.trim(),
            clean(g.phone),
            clean(g.email),
            clean(g.streetAddress),
            g.declinedContact,
          ],
        );
      }
      await this.logs.change(
        ctx,
        em,
        AccessAction.CREATE,
        YOUNG_PERSON_SUBJECT,
        [{ subjectId: id, youngPersonId: id, homeMunicipalityCode: home }],
        Object.keys(input),
      );
      return this.reload(em, ctx, id);
    });
  }

  async update(
    ctx: RequestContext,
    id: string,
    input: UpdateYoungPersonInput,
  ): Promise<YoungPersonModel> {
    return inTransaction(this.ds, async (em) => {
      const person = await lockYoungPerson(em, ctx, id);
      const sets: string[] = [];
      const values: unknown[] = [];
      const written: Record<string, unknown> = {};
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
        written[column] = value;
      };
      const changed: string[] = [];
      if (input.personalNumber !== undefined && input.personalNumber !== null) {
        const pnr = requirePersonalNumber(
          input.personalNumber,
          'personalNumber',
          this.clock.today(),
        );
        await renumberPerson(em, ctx, id, pnr.normalised);
        set('personal_number', pnr.normalised);
        set('coordination_number', pnr.coordinationNumber);
        set('birth_date', pnr.birthDate);
        changed.push('personalNumber', 'birthDate');
      }
      const required: [keyof UpdateYoungPersonInput, string][] = [
        ['givenName', 'given_name'],
        ['familyName', 'family_name'],
        ['protectedIdentity', 'protected_identity'],
      ];
      if (input.homeMunicipalityCode === null) {
        throw new BadInputError('homeMunicipalityCode cannot be cleared', {
          field: 'homeMunicipalityCode',
        });
      }
      for (const [key, column] of required) {
        const v = input[key];
        if (v === undefined) continue;
        if (v === null) throw new BadInputError(`${key} cannot be cleared`, { field: key });
        set(column, typeof v === 'string' ? v.trim() : v);
        changed.push(key);
      }
      const optional: [keyof UpdateYoungPersonInput, string][] = [
        ['streetAddress', 'street_address'],
        ['postalCode', 'postal_code'],
        ['city', 'city'],
        ['phone', 'phone'],
        ['email', 'email'],
        ['preferredLanguage', 'preferred_language'],
      ];
      for (const [key, column] of optional) {
        if (input[key] === undefined) continue;
        set(column, clean(input[key] as string | null));
        changed.push(key);
      }
      // A move may take the person out of the caller's view: keep the view to answer with.
      let view: YoungPersonRow | undefined;
      if (
        input.homeMunicipalityCode &&
        input.homeMunicipalityCode !== person.homeMunicipalityCode
      ) {
        [view] = await queryYoungPeople(em, { ids: [id], size: 1, today: this.clock.today() });
      }
      if (input.homeMunicipalityCode) {
        const known = await em.query(`SELECT 1 FROM municipality WHERE code = $1`, [
          input.homeMunicipalityCode,
        ]);
        if (!known.length) {
          throw new BadInputError('homeMunicipalityCode is not a known municipality', {
            field: 'homeMunicipalityCode',
          });
        }
      }
      if (sets.length) {
        values.push(id);
        try {
          await em.query(
            `UPDATE young_person SET ${sets.join(', ')}, updated_at = app_now() WHERE id = $${values.length}`,
            values,
          );
        } catch (e) {
          if ((e as { code?: string }).code === '23505') {
            throw new ConflictError('A young person with this personnummer is already registered', {
              field: 'personalNumber',
            });
          }
          throw e;
        }
      }
      if (input.homeMunicipalityCode) {
        // Last: after a move the row is outside the caller's view (authz.move_person).
        await em.query(`SELECT authz.move_person($1, $2)`, [id, input.homeMunicipalityCode]);
        written.home_municipality_code = input.homeMunicipalityCode;
        changed.push('homeMunicipalityCode');
      }
      await this.logs.change(
        ctx,
        em,
        AccessAction.UPDATE,
        YOUNG_PERSON_SUBJECT,
        [{ subjectId: id, youngPersonId: id, homeMunicipalityCode: person.homeMunicipalityCode }],
        changed,
      );
      // After a move the person is outside the caller's scope: answer with what was written.
      return this.reload(em, ctx, id, view && ({ ...view, ...written } as YoungPersonRow));
    });
  }

  /**
   * The row as written, for the mutation's answer. The change's own log entry covers it.
   * After a move out of the caller's view (row-level security no longer shows the row),
   * the answer is the caller's view before the change with what the change wrote.
   */
  private async reload(
    em: EntityManager,
    _ctx: RequestContext,
    id: string,
    before?: YoungPersonRow,
  ): Promise<YoungPersonModel> {
    const [row] = (
      await queryYoungPeople(em, { ids: [id], size: 1, today: this.clock.today() })
    ).filter((r) => r.id !== null);
    if (row || !before) return toYoungPersonModel(row);
    return toYoungPersonModel({ ...before, kaa_visible: false, in_kaa: false, occ_id: null });
  }
}

/** The access-log record of a read person row, with the basis the database decided. */
export function loggedRecord(r: YoungPersonRow): LoggedRecord {
  return {
    subjectId: r.id,
    youngPersonId: r.id,
    homeMunicipalityCode: r.home_municipality_code,
    access: { basis: r.basis, consentIds: r.consent_ids },
  };
}

function clean(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}
