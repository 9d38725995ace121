import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { RetentionSettingsInput } from './dto/retention-settings.input';
import { RetentionSettingsModel } from './models/retention-settings.model';
import { RETENTION_SETTINGS } from './retention.abilities';
import { RetentionSettingsService } from './retention-settings.service';

@Resolver(() => RetentionSettingsModel)
export class RetentionResolver {
  constructor(private readonly settings: RetentionSettingsService) {}

  @Allow(Action.Read, RETENTION_SETTINGS)
  @Query(() => RetentionSettingsModel, {
    description: "MUNICIPALITY_ADMIN: the own municipality's retention periods (gallring)",
  })
  retentionSettings(@Ctx() ctx: RequestContext) {
    return this.settings.get(ctx);
  }

  @Allow(Action.Update, RETENTION_SETTINGS)
  @Mutation(() => RetentionSettingsModel, {
    description:
      "MUNICIPALITY_ADMIN: set the own municipality's retention periods; the next purge applies them",
  })
  updateRetentionSettings(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RetentionSettingsInput,
  ) {
    return this.settings.set(ctx, input);
  }
}
