import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction } from '../audit/access-log-entry';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, NotFoundError } from '../core/errors/domain-error';
import {
  AddSchoolingInput,
  EndSchoolingInput,
  GuardianInput,
  UpdateGuardianInput,
} from './dto/young-person.inputs';
import { GuardianModel, SchoolingModel } from './models/young-person.model';
import { SchoolingStatus } from './schooling.entity';
import { lockYoungPerson } from './young-people.service';
import { YoungPersonLogService } from './young-person-log.service';
import { isCalendarDate } from '../core/clock/stockholm-calendar';
import { queryRows } from '../core/database/query-rows';

export interface GuardianRow {
  id: string;
  young_person_id: string;
  name: string;
  phone: string | null;
  email: string | null;
  street_address: string | null;
  declined_contact: boolean;
  declined_contact_at: Date | null;
}

export interface SchoolingRow {
  id: string;
  young_person_id: string;
  school_organisation_id: string | null;
  school_name: string;
  programme_code: string;
  programme_type: SchoolingModel['programmeType'];
  start_date: string;
  end_date: string | null;
  status: SchoolingStatus;
}

export const SCHOOLING_COLUMNS = `s.id, s.young_person_id, s.school_organisation_id, s.school_name, s.programme_code,
  s.programme_type, to_char(s.start_date, 'YYYY-MM-DD') AS start_date,
  to_char(s.end_date, 'YYYY-MM-DD') AS end_date, s.status`;

export function toGuardianModel(g: GuardianRow, showContact: boolean): GuardianModel {
  return Object.assign(new GuardianModel(), {
    id: g.id,
    name: g.name,
    phone: showContact ? g.phone : null,
    email: showContact ? g.email : null,
    streetAddress: showContact ? g.street_address : null,
    declinedContact: g.declined_contact,
    declinedContactAt: g.declined_contact_at,
  });
}

export function toSchoolingModel(s: SchoolingRow): SchoolingModel {
  return Object.assign(new SchoolingModel(), {
    id: s.id,
    schoolName: s.school_name,
    schoolOrganisationId: s.school_organisation_id,
    programmeCode: s.programme_code,
    programmeType: s.programme_type,
    startDate: s.start_date,
    endDate: s.end_date,
    status: s.status,
  });
}

/** Guardians (vårdnadshavare) and schooling history: changes by the register keeper. */
@Injectable()
export class GuardiansSchoolingService {
  constructor(
    private readonly ds: DataSource,
    private readonly logs: YoungPersonLogService,
  ) {}

  addGuardian(ctx: RequestContext, youngPersonId: string, input: GuardianInput) {
    return inTransaction(this.ds, async (em) => {
      const person = await lockYoungPerson(em, ctx, youngPersonId);
      const [g]: GuardianRow[] = await em.query(
        `INSERT INTO guardian (young_person_id, name, phone, email, street_address, declined_contact, declined_contact_at)
         VALUES ($1,$2,$3,$4,$5,$6, CASE WHEN $6 THEN app_now() END) RETURNING *`,
        [
          youngPersonId,
          input.name.trim(),
          clean(input.phone),
          clean(input.email),
          clean(input.streetAddress),
          input.declinedContact ?? false,
        ],
      );
      await this.log(ctx, em, AccessAction.CREATE, 'GUARDIAN', g.id, person, Object.keys(input));
      return toGuardianModel(g, person.contact);
    });
  }

  updateGuardian(ctx: RequestContext, id: string, input: UpdateGuardianInput) {
    return inTransaction(this.ds, async (em) => {
      const owner: { young_person_id: string }[] = await em.query(
        `SELECT young_person_id FROM guardian WHERE id = $1`,
        [id],
      );
      if (!owner[0]) throw new NotFoundError('Guardian');
      const person = await lockYoungPerson(em, ctx, owner[0].young_person_id).catch(() => {
        throw new NotFoundError('Guardian');
      });
      const sets: string[] = [];
      const values: unknown[] = [];
      const set = (sql: string, v: unknown) => {
        values.push(v);
        sets.push(sql.replace('?', `$${values.length}`));
      };
      if (input.name !== undefined && input.name !== null) set('name = ?', input.name.trim());
      if (input.phone !== undefined) set('phone = ?', clean(input.phone));
      if (input.email !== undefined) set('email = ?', clean(input.email));
      if (input.streetAddress !== undefined) set('street_address = ?', clean(input.streetAddress));
      if (input.declinedContact !== undefined && input.declinedContact !== null) {
        set('declined_contact = ?', input.declinedContact);
        // Keeps the first refusal's date while it stands.
        sets.push(
          `declined_contact_at = CASE WHEN $${values.length} THEN COALESCE(declined_contact_at, app_now()) END`,
        );
      }
      if (sets.length) {
        values.push(id);
        await em.query(
          `UPDATE guardian SET ${sets.join(', ')} WHERE id = $${values.length}`,
          values,
        );
      }
      const [g]: GuardianRow[] = await em.query(`SELECT * FROM guardian WHERE id = $1`, [id]);
      await this.log(ctx, em, AccessAction.UPDATE, 'GUARDIAN', id, person, Object.keys(input));
      return toGuardianModel(g, person.contact);
    });
  }

  addSchooling(ctx: RequestContext, input: AddSchoolingInput) {
    requireDate(input.startDate, 'startDate');
    return inTransaction(this.ds, async (em) => {
      const person = await lockYoungPerson(em, ctx, input.youngPersonId);
      if (input.schoolOrganisationId) {
        const school = await em.query(
          `SELECT 1 FROM organisation WHERE id = $1 AND kind = 'SCHOOL'`,
          [input.schoolOrganisationId],
        );
        if (!school.length) {
          throw new BadInputError('schoolOrganisationId is not a school organisation', {
            field: 'schoolOrganisationId',
          });
        }
      }
      const [s]: SchoolingRow[] = await em.query(
        `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code,
           programme_type, start_date, status)
         VALUES ($1,$2,$3,$4,$5,$6,'ACTIVE') RETURNING ${SCHOOLING_COLUMNS.replace(/s\./g, '')}`,
        [
          input.youngPersonId,
          input.schoolOrganisationId ?? null,
          input.schoolName.trim(),
          input.programmeCode,
          input.programmeType,
          input.startDate,
        ],
      );
      await this.log(ctx, em, AccessAction.CREATE, 'SCHOOLING', s.id, person, Object.keys(input));
      return toSchoolingModel(s);
    });
  }

  endSchooling(ctx: RequestContext, id: string, input: EndSchoolingInput) {
    requireDate(input.endDate, 'endDate');
    if (input.status === SchoolingStatus.ACTIVE) {
      throw new BadInputError('status must be COMPLETED or INTERRUPTED', { field: 'status' });
    }
    return inTransaction(this.ds, async (em) => {
      const owner: { young_person_id: string; start_date: string; status: string }[] =
        await em.query(
          `SELECT young_person_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, status
           FROM schooling WHERE id = $1`,
          [id],
        );
      if (!owner[0]) throw new NotFoundError('Schooling');
      const person = await lockYoungPerson(em, ctx, owner[0].young_person_id).catch(() => {
        throw new NotFoundError('Schooling');
      });
      if (owner[0].status !== SchoolingStatus.ACTIVE) {
        throw new BadInputError('This schooling has already ended', { field: 'id' });
      }
      if (input.endDate < owner[0].start_date) {
        throw new BadInputError('endDate must not be before the start date', { field: 'endDate' });
      }
      const rows = await queryRows<SchoolingRow>(
        em,
        `UPDATE schooling s SET end_date = $2, status = $3 WHERE id = $1 RETURNING ${SCHOOLING_COLUMNS}`,
        [id, input.endDate, input.status],
      );
      await this.log(ctx, em, AccessAction.UPDATE, 'SCHOOLING', id, person, ['endDate', 'status']);
      return toSchoolingModel(rows[0]);
    });
  }

  private log(
    ctx: RequestContext,
    em: EntityManager,
    action: AccessAction,
    subjectType: string,
    subjectId: string,
    person: { id: string; homeMunicipalityCode: string },
    fields: string[],
  ) {
    return this.logs.change(
      ctx,
      em,
      action,
      subjectType,
      [{ subjectId, youngPersonId: person.id, homeMunicipalityCode: person.homeMunicipalityCode }],
      fields,
    );
  }
}

export function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value)) {
    throw new BadInputError(`${field} is not a valid date`, { field });
  }
}

function clean(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}
