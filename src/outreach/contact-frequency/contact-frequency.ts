import {
  Args,
  Field,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';

@ObjectType('ContactFrequencyRule', {
  description:
    'Everyone in the register is contacted at least every N weeks; the overdue are on the work list (CONTACT_OVERDUE)',
})
export class ContactFrequencyRuleModel {
  @Field()
  municipalityCode: string;

  @Field(() => Int, { nullable: true, description: 'null: no rule' })
  contactEveryWeeks: number | null;
}

@InputType()
export class SetContactFrequencyInput {
  @Field(() => Int, { nullable: true, description: '1–52 weeks; null removes the rule' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  contactEveryWeeks?: number | null;
}

/** The municipality's contact-frequency rule (one row per municipality, no personal data). */
@Injectable()
export class ContactFrequencyService {
  constructor(private readonly ds: DataSource) {}

  async get(ctx: RequestContext): Promise<ContactFrequencyRuleModel> {
    const rows: { weeks: number | null }[] = await this.ds.query(
      `SELECT contact_every_weeks AS weeks FROM outreach_setting WHERE municipality_code = $1`,
      [ctx.actor.municipalityCode],
    );
    return model(ctx.actor.municipalityCode, rows[0]?.weeks ?? null);
  }

  async set(ctx: RequestContext, weeks: number | null): Promise<ContactFrequencyRuleModel> {
    await this.ds.query(
      `INSERT INTO outreach_setting (municipality_code, contact_every_weeks, updated_by, updated_at)
       VALUES ($1, $2, $3, app_now())
       ON CONFLICT (municipality_code) DO UPDATE
         SET contact_every_weeks = EXCLUDED.contact_every_weeks, updated_by = EXCLUDED.updated_by,
             updated_at = EXCLUDED.updated_at`,
      [ctx.actor.municipalityCode, weeks, ctx.actor.userId],
    );
    return model(ctx.actor.municipalityCode, weeks);
  }
}

function model(municipalityCode: string, weeks: number | null): ContactFrequencyRuleModel {
  return Object.assign(new ContactFrequencyRuleModel(), {
    municipalityCode,
    contactEveryWeeks: weeks,
  });
}

@Resolver()
export class ContactFrequencyResolver {
  constructor(private readonly rules: ContactFrequencyService) {}

  @Allow(Action.Read, 'WorkList')
  @Query(() => ContactFrequencyRuleModel, {
    description: 'YOUTH_COORDINATOR: the own municipality’s contact-frequency rule',
  })
  contactFrequencyRule(@Ctx() ctx: RequestContext) {
    return this.rules.get(ctx);
  }

  @Allow(Action.Update, 'WorkList')
  @Mutation(() => ContactFrequencyRuleModel, {
    description:
      'YOUTH_COORDINATOR: set (or with null remove) the own municipality’s contact-frequency rule',
  })
  setContactFrequencyRule(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetContactFrequencyInput,
  ) {
    return this.rules.set(ctx, input.contactEveryWeeks ?? null);
  }
}
