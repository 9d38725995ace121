import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, AccessLogEntry, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { BadInputError, NotFoundError } from '../../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../../core/graphql/connection';
import { requirePersonalNumber } from '../../young-people/personal-number';
import { ProgrammeType } from '../../young-people/schooling.entity';
import { NewStudentInput, StudentsArgs } from './student.inputs';
import { STUDENT_COLUMNS, studentFromRow, StudentModel, StudentRow } from './student.model';
import { Clock } from '../../core/clock/clock';
import { registerPerson } from '../../young-people/duplicates/register-person';

export interface StudentFacts {
  id: string;
  birthDate: string;
  homeMunicipalityCode: string;
}

/**
 * The school's students: young people with a schooling row at the counsellor's school.
 * A counsellor may register a student the portal does not know yet.
 */
@Injectable()
export class StudentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly clock: Clock,
  ) {}

  async register(ctx: RequestContext, input: NewStudentInput): Promise<StudentModel> {
    return this.ds.transaction(async (em) => {
      const facts = await this.enrol(em, ctx, input);
      const rows: StudentRow[] = await em.query(
        `SELECT ${STUDENT_COLUMNS} FROM young_person yp WHERE yp.id = $1`,
        [facts.id],
      );
      return studentFromRow(rows[0]);
    });
  }

  /** Students with an active schooling at the caller's school, by name. */
  async list(ctx: RequestContext, args: StudentsArgs): Promise<Page<StudentModel>> {
    const params: unknown[] = [ctx.actor.organisationId];
    const where = `EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = yp.id
        AND s.school_organisation_id = $1 AND s.status = 'ACTIVE')`;
    const [{ count }] = await this.ds.query(
      `SELECT count(*)::int AS count FROM young_person yp WHERE ${where}`,
      params,
    );
    let keyset = '';
    if (args.after) {
      const [family, given, id] = decodeCursor(args.after, 3);
      params.push(family, given, id);
      keyset = `AND (yp.family_name, yp.given_name, yp.id) > ($2, $3, $4::uuid)`;
    }
    const size = pageSize(args);
    const rows: StudentRow[] = await this.ds.query(
      `SELECT ${STUDENT_COLUMNS} FROM young_person yp WHERE ${where} ${keyset}
       ORDER BY yp.family_name, yp.given_name, yp.id LIMIT ${size + 1}`,
      params,
    );
    const page = toPage(rows.map(studentFromRow), size, count, (s) => [
      s.familyName,
      s.givenName,
      s.id,
    ]);
    this.log.read(ctx, {
      action: AccessAction.SEARCH,
      subjectType: 'YOUNG_PERSON',
      subjectIds: page.edges.map((e) => e.node.id),
      youngPersonIds: page.edges.map((e) => e.node.id),
      fields: ['personalNumber', 'givenName', 'familyName', 'birthDate', 'homeMunicipalityCode'],
      legalBasis: LegalBasis.OWN_ORGANISATION,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    });
    return page;
  }

  /**
   * Reuses the person when the school already sees one with this personnummer (enrolled
   * now); otherwise creates one from the names given, also when the number is held
   * elsewhere (then a possible duplicate: nothing of the other record is revealed). Adds
   * an active schooling at the caller's school when there is none. Logged.
   */
  async enrol(
    em: EntityManager,
    ctx: RequestContext,
    input: NewStudentInput,
  ): Promise<StudentFacts> {
    const pn = requirePersonalNumber(input.personalNumber, 'personalNumber', this.clock.today());
    const known = await em.query(`SELECT 1 FROM municipality WHERE code = $1`, [
      input.homeMunicipalityCode,
    ]);
    if (known.length === 0)
      throw new BadInputError('homeMunicipalityCode is not a known municipality');
    const programmeType = input.programmeType ?? ProgrammeType.NATIONAL;
    if (!Object.values(ProgrammeType).includes(programmeType as ProgrammeType))
      throw new BadInputError('programmeType must be NATIONAL, INTRODUCTION, COMPULSORY or OTHER');
    const registration = await registerPerson(em, ctx, {
      personalNumber: pn.normalised,
      coordinationNumber: pn.coordinationNumber,
      birthDate: pn.birthDate,
      givenName: input.givenName.trim(),
      familyName: input.familyName.trim(),
      homeMunicipalityCode: input.homeMunicipalityCode,
    });
    // The enrolment first: a new record becomes visible to the school through it.
    const schooling: { id: string }[] = await em.query(
      `INSERT INTO schooling (young_person_id, school_organisation_id, school_name, programme_code, programme_type, start_date, status)
       SELECT $1, o.id, o.name, $3, $4, $5, 'ACTIVE' FROM organisation o
        WHERE o.id = $2 AND NOT EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = $1
          AND s.school_organisation_id = $2 AND s.status = 'ACTIVE')
       RETURNING id`,
      [
        registration.id,
        ctx.actor.organisationId,
        input.programmeCode,
        programmeType,
        input.startDate,
      ],
    );
    const [person]: { id: string; birth_date: string; home_municipality_code: string }[] =
      await em.query(
        `SELECT id, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, home_municipality_code
           FROM young_person WHERE id = $1`,
        [registration.id],
      );
    const entries: AccessLogEntry[] = [];
    const base = {
      action: AccessAction.CREATE,
      youngPersonIds: [person.id],
      legalBasis: LegalBasis.OWN_ORGANISATION,
      subjectMunicipalityCode: person.home_municipality_code,
    };
    if (registration.outcome === 'CREATED')
      entries.push({
        ...base,
        subjectType: 'YOUNG_PERSON',
        subjectIds: [person.id],
        fields: ['personalNumber', 'givenName', 'familyName', 'homeMunicipalityCode'],
      });
    if (schooling.length)
      entries.push({
        ...base,
        subjectType: 'SCHOOLING',
        subjectIds: [schooling[0].id],
        fields: ['programmeCode', 'programmeType', 'startDate', 'status'],
      });
    await this.log.record(em, ctx, entries);
    return {
      id: person.id,
      birthDate: person.birth_date,
      homeMunicipalityCode: person.home_municipality_code,
    };
  }

  /**
   * The student facts when the person has a schooling at the caller's school: active
   * only, or (for notices about a student who already left) ended within the last year.
   */
  async requireStudent(
    em: EntityManager,
    ctx: RequestContext,
    youngPersonId: string,
    opts: { includeRecentlyLeft: boolean },
  ): Promise<StudentFacts> {
    const rows: { id: string; birth_date: string; home_municipality_code: string }[] =
      await em.query(
        `SELECT yp.id, to_char(yp.birth_date, 'YYYY-MM-DD') AS birth_date, yp.home_municipality_code
           FROM young_person yp
          WHERE yp.id = $1 AND EXISTS (SELECT 1 FROM schooling s WHERE s.young_person_id = yp.id
            AND s.school_organisation_id = $2
            AND (s.status = 'ACTIVE' OR ($3 AND s.end_date >= app_today() - 365)))`,
        [youngPersonId, ctx.actor.organisationId, opts.includeRecentlyLeft],
      );
    if (rows.length === 0) throw new NotFoundError('Student');
    const r = rows[0];
    return { id: r.id, birthDate: r.birth_date, homeMunicipalityCode: r.home_municipality_code };
  }
}
