import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { ConflictError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import {
  CreateOrganisationInput,
  OrganisationsArgs,
  UpdateOrganisationInput,
} from './dto/identity.inputs';
import { OrganisationModel } from './models/organisation.model';
import { OrganisationEntity } from './organisation.entity';

@Injectable()
export class OrganisationsService {
  constructor(private readonly ds: DataSource) {}

  async list(ctx: RequestContext, args: OrganisationsArgs): Promise<Page<OrganisationModel>> {
    const qb = this.ds.getRepository(OrganisationEntity).createQueryBuilder('o');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'Organisation'))
      return toPage([], 0, 0, () => []);
    if (args.kind) qb.andWhere('o.kind = :kind', { kind: args.kind });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [name, id] = decodeCursor(args.after, 2);
      qb.andWhere('(o.name, o.id) > (:name, :id)', { name, id });
    }
    const size = pageSize(args);
    const rows = await qb
      .orderBy('o.name')
      .addOrderBy('o.id')
      .take(size + 1)
      .getMany();
    return toPage(rows.map(OrganisationModel.from), size, total, (o) => [o.name, o.id]);
  }

  async get(ctx: RequestContext, id: string, action = Action.Read): Promise<OrganisationEntity> {
    const qb = this.ds
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id = :id', { id });
    const found = applyAbilityScope(qb, ctx.ability, action, 'Organisation')
      ? await qb.getOne()
      : null;
    if (!found) throw new NotFoundError('Organisation');
    return found;
  }

  async create(ctx: RequestContext, input: CreateOrganisationInput): Promise<OrganisationModel> {
    const candidate = {
      municipalityCode: ctx.actor.municipalityCode,
      name: input.name.trim(),
      kind: input.kind,
      contactPoint: input.contactPoint?.trim() || null,
    };
    if (!ctx.ability.can(Action.Create, subject('Organisation', candidate)))
      throw new NotFoundError('Municipality');
    await this.assertNameFree(candidate.municipalityCode, candidate.name, null);
    const saved = await this.ds.getRepository(OrganisationEntity).save(candidate);
    return OrganisationModel.from(saved);
  }

  async update(
    ctx: RequestContext,
    id: string,
    input: UpdateOrganisationInput,
  ): Promise<OrganisationModel> {
    const org = await this.get(ctx, id, Action.Update);
    if (input.name !== undefined) {
      org.name = input.name.trim();
      await this.assertNameFree(org.municipalityCode, org.name, org.id);
    }
    if (input.kind !== undefined) org.kind = input.kind;
    if (input.contactPoint !== undefined) org.contactPoint = input.contactPoint.trim() || null;
    return OrganisationModel.from(await this.ds.getRepository(OrganisationEntity).save(org));
  }

  private async assertNameFree(
    municipalityCode: string,
    name: string,
    exceptId: string | null,
  ): Promise<void> {
    const clash = await this.ds
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.municipality_code = :municipalityCode AND o.name = :name', {
        municipalityCode,
        name,
      })
      .andWhere(exceptId ? 'o.id <> :exceptId' : 'TRUE', { exceptId })
      .getExists();
    if (clash)
      throw new ConflictError('An organisation with that name already exists in the municipality');
  }
}
