import { Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { IdArg } from '../core/graphql/id-arg';
import { RegisterExtractModel } from './models/register-extract.model';
import { RegisterExtractService } from './register-extract.service';

@Resolver()
export class RegisterExtractResolver {
  constructor(private readonly service: RegisterExtractService) {}

  @Allow(Action.Export, 'RegisterExtract')
  @Query(() => RegisterExtractModel, {
    description:
      'YOUTH_COORDINATOR of the home municipality: everything held about one young person and ' +
      'every access-log row about them (GDPR art. 15), on the young person’s request. Logged as EXPORT.',
  })
  registerExtract(@Ctx() ctx: RequestContext, @IdArg('youngPersonId') youngPersonId: string) {
    return this.service.extract(ctx, youngPersonId);
  }
}
