import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { NotFoundError } from '../core/errors/domain-error';
import { RegisterExtractModel } from './models/register-extract.model';
import { EXTRACT_SECTIONS } from './register-extract.sections';
import { Clock } from '../core/clock/clock';

/** Address and contact of a person with skyddade personuppgifter. */
const PROTECTED_PERSON_FIELDS = ['streetAddress', 'postalCode', 'city', 'phone', 'email'];
const PROTECTED_GUARDIAN_FIELDS = ['streetAddress', 'phone', 'email'];

type Row = Record<string, unknown>;

/**
 * The register extract (registerutdrag, GDPR art. 15): everything the portal holds about
 * one young person and every access-log row about them. Produced by the youth team of the
 * home municipality, which holds the statutory register; the export itself is logged in
 * the same snapshot transaction, so the extract lists its own EXPORT row.
 */
@Injectable()
export class RegisterExtractService {
  constructor(
    private readonly clock: Clock,
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async extract(ctx: RequestContext, youngPersonId: string): Promise<RegisterExtractModel> {
    if (!ctx.ability.can(Action.Export, 'RegisterExtract')) throw new NotFoundError('Young person');
    // REPEATABLE READ: every section sees the same moment, so the document is consistent.
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      const found: { person: Row }[] = await em.query(
        `SELECT to_jsonb(p) AS person FROM young_person p
          WHERE p.id = $1 AND p.home_municipality_code = $2`,
        [youngPersonId, ctx.actor.municipalityCode],
      );
      if (found.length === 0) throw new NotFoundError('Young person');
      const generatedAt = this.clock.now();
      await this.log.record(em, ctx, [
        {
          action: AccessAction.EXPORT,
          subjectType: 'REGISTER_EXTRACT',
          subjectIds: [youngPersonId],
          youngPersonIds: [youngPersonId],
          fields: ['person', ...EXTRACT_SECTIONS.map((s) => s.name)],
          legalBasis: LegalBasis.STATUTORY_DUTY,
          subjectMunicipalityCode: ctx.actor.municipalityCode,
        },
      ]);
      const document: Row = {
        kind: 'REGISTER_EXTRACT',
        generatedAt: generatedAt.toISOString(),
        youngPersonId,
        person: camelKeys(found[0].person),
      };
      for (const section of EXTRACT_SECTIONS) {
        const [{ rows }] = await em.query(
          `SELECT coalesce(jsonb_agg(to_jsonb(s)), '[]'::jsonb) AS rows FROM (${section.sql}) s`,
          [youngPersonId],
        );
        document[section.name] = (rows as Row[]).map(camelKeys);
      }
      const hidden = this.maskProtectedIdentity(document);
      document.hiddenFields = hidden;
      return Object.assign(new RegisterExtractModel(), {
        youngPersonId,
        generatedAt,
        hiddenFields: hidden,
        document: JSON.stringify(document),
      });
    });
  }

  /**
   * Protected identity: address and contact (the person's and the guardians') are never
   * exported (DESIGN.md §2), not even by a user with the PROTECTED_IDENTITY permission; the
   * extract names them in hiddenFields so they can be handed over by the protected route.
   */
  private maskProtectedIdentity(document: Row): string[] {
    const person = document.person as Row;
    if (!person.protectedIdentity) return [];
    for (const f of PROTECTED_PERSON_FIELDS) person[f] = null;
    for (const g of document.guardians as Row[])
      for (const f of PROTECTED_GUARDIAN_FIELDS) g[f] = null;
    return [
      ...PROTECTED_PERSON_FIELDS.map((f) => `person.${f}`),
      ...PROTECTED_GUARDIAN_FIELDS.map((f) => `guardians.${f}`),
    ];
  }
}

/** snake_case column names to the camelCase the API uses elsewhere. */
export function camelKeys(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row))
    out[k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}
