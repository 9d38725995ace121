import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../core/auth/decorators';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { RegisterDocumentInput, RegisteredDocumentModel } from './registered-document.model';
import { REGISTERED_DOCUMENT } from './integrations.abilities';
import { RegisteredDocumentsService } from './registered-documents.service';

@Resolver()
export class RegisteredDocumentsResolver {
  constructor(private readonly documents: RegisteredDocumentsService) {}

  @Allow(Action.Create, REGISTERED_DOCUMENT)
  @Mutation(() => RegisteredDocumentModel, {
    description:
      'MUNICIPALITY_ADMIN: register an operation an integration may send in production (trusted documents); logged. BAD_USER_INPUT when it is over the limits, does not parse or does not validate against the schema; CONFLICT when it is registered already',
  })
  registerDocument(@Ctx() ctx: RequestContext, @Args('input') input: RegisterDocumentInput) {
    return this.documents.register(ctx, input);
  }

  @Allow(Action.Read, REGISTERED_DOCUMENT)
  @Query(() => [RegisteredDocumentModel], {
    description: 'MUNICIPALITY_ADMIN: the operations registered by the own municipality',
  })
  registeredDocuments(@Ctx() ctx: RequestContext) {
    return this.documents.list(ctx);
  }
}
