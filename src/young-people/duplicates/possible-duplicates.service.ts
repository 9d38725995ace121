import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { applyAbilityScope } from '../../core/authorization/sql-scope';
import { SYSTEM_DATA_SOURCE } from '../../core/database/data-source-options';
import { NotFoundError } from '../../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../../core/graphql/connection';
import { PossibleDuplicateEntity } from './possible-duplicate.entity';
import {
  DuplicateRecordModel,
  PossibleDuplicateModel,
  PossibleDuplicatesArgs,
  PossibleDuplicateState,
} from './possible-duplicate.model';
import { POSSIBLE_DUPLICATE } from './possible-duplicates.abilities';

interface DuplicateIdentity {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  home_municipality_code: string;
}

/**
 * The possible duplicates a youth team may merge, scoped in SQL by its ability. The new
 * record usually belongs to another organisation, so row-level security hides it from the
 * youth team: its identity is read as the owner, for links the scope already granted.
 */
@Injectable()
export class PossibleDuplicatesService {
  constructor(
    private readonly ds: DataSource,
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly log: AccessLogWriter,
  ) {}

  async list(
    ctx: RequestContext,
    args: PossibleDuplicatesArgs,
  ): Promise<Page<PossibleDuplicateModel>> {
    const qb = this.ds.getRepository(PossibleDuplicateEntity).createQueryBuilder('d');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, POSSIBLE_DUPLICATE))
      return toPage([], 0, 0, () => []);
    if (!args.includeMerged) qb.andWhere('d.merged_at IS NULL');
    const total = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(d.created_at, d.id) < (:createdAt, :id)', { createdAt, id });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(size + 1)
      .getMany();
    const models = await this.toModels(ctx, this.system.manager, rows.slice(0, size));
    const page = toPage(models, size, total, (m) => [m.createdAt.toISOString(), m.id]);
    page.pageInfo.hasNextPage = rows.length > size;
    return page;
  }

  /** The link if the caller may `action` it; NOT_FOUND otherwise (not there, not allowed). */
  async findScoped(
    ctx: RequestContext,
    id: string,
    action: Action,
  ): Promise<PossibleDuplicateEntity> {
    const qb = this.ds
      .getRepository(PossibleDuplicateEntity)
      .createQueryBuilder('d')
      .where('d.id = :id', { id });
    const found = applyAbilityScope(qb, ctx.ability, action, POSSIBLE_DUPLICATE)
      ? await qb.getOne()
      : null;
    if (!found) throw new NotFoundError('Possible duplicate');
    return found;
  }

  /**
   * Models for links the caller may see; `em` reads the new records (the owner's).
   * Reading their identity is logged.
   */
  async toModels(
    ctx: RequestContext,
    em: EntityManager,
    links: PossibleDuplicateEntity[],
  ): Promise<PossibleDuplicateModel[]> {
    if (links.length === 0) return [];
    const open: DuplicateIdentity[] = await em.query(
      `SELECT id, given_name, family_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date,
              home_municipality_code
         FROM young_person WHERE id = ANY($1::uuid[])`,
      [links.map((l) => l.duplicateId)],
    );
    const byId = new Map(open.map((r) => [r.id, r]));
    this.log.read(ctx, {
      action: AccessAction.READ,
      subjectType: 'YOUNG_PERSON',
      subjectIds: links.map((l) => l.duplicateId),
      youngPersonIds: links.map((l) => l.duplicateId),
      fields: ['givenName', 'familyName', 'birthDate', 'homeMunicipalityCode'],
      legalBasis: LegalBasis.STATUTORY_DUTY,
      subjectMunicipalityCode: ctx.actor.municipalityCode,
    });
    return links.map((l) => toModel(l, byId.get(l.duplicateId) ?? mergedIdentity(l)));
  }
}

/** A merged duplicate's identity, from the row kept for an undo. */
function mergedIdentity(l: PossibleDuplicateEntity): DuplicateIdentity {
  const row = (l.duplicateRow ?? {}) as Record<string, string>;
  return {
    id: l.duplicateId,
    given_name: row.given_name,
    family_name: row.family_name,
    birth_date: row.birth_date,
    home_municipality_code: row.home_municipality_code,
  };
}

function toModel(l: PossibleDuplicateEntity, d: DuplicateIdentity): PossibleDuplicateModel {
  return Object.assign(new PossibleDuplicateModel(), {
    id: l.id,
    state: l.mergedAt ? PossibleDuplicateState.MERGED : PossibleDuplicateState.OPEN,
    existingYoungPersonId: l.existingId,
    duplicate: Object.assign(new DuplicateRecordModel(), {
      youngPersonId: l.duplicateId,
      givenName: d.given_name,
      familyName: d.family_name,
      birthDate: d.birth_date,
      homeMunicipalityCode: d.home_municipality_code,
    }),
    createdByOrganisationId: l.createdByOrganisationId,
    createdAt: l.createdAt,
    mergedAt: l.mergedAt,
    undoneAt: l.undoneAt,
  });
}
