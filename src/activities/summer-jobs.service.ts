import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { BadInputError, ConflictError, NotFoundError } from '../core/errors/domain-error';
import { MembershipReportEntity } from './activity.entity';
import { MembershipReportInput, SummerJobOfferInput } from './dto/summer-job.inputs';
import {
  MembershipReportModel,
  SummerJobChallengeModel,
  SummerJobOfferModel,
} from './models/summer-job.model';
import { SummerJobOfferEntity, SummerJobSector } from './summer-job.entity';

/** Summer-job offers (and the business-vs-municipality challenge) and association membership. */
@Injectable()
export class SummerJobsService {
  constructor(private readonly ds: DataSource) {}

  async offers(ctx: RequestContext, year: number): Promise<SummerJobOfferModel[]> {
    const qb = this.ds
      .getRepository(SummerJobOfferEntity)
      .createQueryBuilder('s')
      .where('s.year = :year', { year });
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'SummerJobOffer')) return [];
    const rows = await qb.orderBy('s.sector').addOrderBy('s.employer_name').getMany();
    return rows.map(SummerJobOfferModel.from);
  }

  /** Adds an employer's offer for the year, or corrects it when it already exists. */
  async saveOffer(ctx: RequestContext, input: SummerJobOfferInput): Promise<SummerJobOfferModel> {
    if (input.placements > input.positions)
      throw new BadInputError('placements cannot exceed positions');
    const row = {
      ...input,
      employerName: input.employerName.trim(),
      municipalityCode: ctx.actor.municipalityCode,
    };
    if (!ctx.ability.can(Action.Create, subject('SummerJobOffer', row)))
      throw new NotFoundError('Municipality');
    const repo = this.ds.getRepository(SummerJobOfferEntity);
    await repo.upsert({ ...row, createdBy: ctx.actor.userId }, [
      'municipalityCode',
      'year',
      'sector',
      'employerName',
    ]);
    const saved = await repo.findOneByOrFail({
      municipalityCode: row.municipalityCode,
      year: row.year,
      sector: row.sector,
      employerName: row.employerName,
    });
    return SummerJobOfferModel.from(saved);
  }

  async challenge(ctx: RequestContext, year: number): Promise<SummerJobChallengeModel> {
    const qb = this.ds
      .getRepository(SummerJobOfferEntity)
      .createQueryBuilder('s')
      .select('s.sector', 'sector')
      .addSelect('sum(s.positions)::int', 'positions')
      .addSelect('sum(s.placements)::int', 'placements')
      .where('s.year = :year', { year })
      .groupBy('s.sector');
    const rows: { sector: SummerJobSector; positions: number; placements: number }[] =
      applyAbilityScope(qb, ctx.ability, Action.Read, 'SummerJobOffer')
        ? await qb.getRawMany()
        : [];
    const positions = (sector: SummerJobSector) =>
      rows.find((r) => r.sector === sector)?.positions ?? 0;
    const municipality = positions(SummerJobSector.MUNICIPALITY);
    const business = positions(SummerJobSector.BUSINESS);
    return {
      year,
      municipalityPositions: municipality,
      businessPositions: business,
      associationPositions: positions(SummerJobSector.ASSOCIATION),
      placements: rows.reduce((sum, r) => sum + r.placements, 0),
      businessToMunicipalityRatio:
        municipality > 0 ? Math.round((business / municipality) * 100) / 100 : null,
      challengeMet: business >= municipality && municipality > 0,
    };
  }

  async membershipReports(ctx: RequestContext): Promise<MembershipReportModel[]> {
    const qb = this.ds.getRepository(MembershipReportEntity).createQueryBuilder('m');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'MembershipReport')) return [];
    const rows = await qb.orderBy('m.period_start', 'DESC').addOrderBy('m.id').take(500).getMany();
    return rows.map(MembershipReportModel.from);
  }

  /** An association reports its member count before and after a period (did hosting help?). */
  async reportMembership(
    ctx: RequestContext,
    input: MembershipReportInput,
  ): Promise<MembershipReportModel> {
    if (input.periodEnd < input.periodStart)
      throw new BadInputError('periodEnd must not be before periodStart');
    const row = {
      ...input,
      organisationId: ctx.actor.organisationId,
      municipalityCode: ctx.actor.municipalityCode,
    };
    if (!ctx.ability.can(Action.Create, subject('MembershipReport', row)))
      throw new NotFoundError('Organisation');
    const repo = this.ds.getRepository(MembershipReportEntity);
    const exists = await repo.existsBy({
      organisationId: row.organisationId,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
    });
    if (exists) throw new ConflictError('Membership for that period is already reported');
    const saved = await repo.save({ ...row, reportedBy: ctx.actor.userId });
    return MembershipReportModel.from(saved);
  }
}
