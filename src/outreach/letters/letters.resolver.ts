import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx } from '../../core/auth/decorators';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import {
  CreateLetterTemplateInput,
  LetterRoundModel,
  LetterTemplateModel,
  SendLetterRoundInput,
} from './letters.models';
import { LettersService } from './letters.service';

@Resolver()
export class LettersResolver {
  constructor(private readonly letters: LettersService) {}

  @Allow(Action.Create, 'OutreachRound')
  @Mutation(() => LetterTemplateModel, {
    description:
      'YOUTH_COORDINATOR: a letter template of the own municipality; unknown placeholders are refused',
  })
  createLetterTemplate(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateLetterTemplateInput,
  ) {
    return this.letters.createTemplate(ctx, input);
  }

  @Allow(Action.Read, 'OutreachRound')
  @Query(() => [LetterTemplateModel], {
    description: 'YOUTH_COORDINATOR: the own municipality’s letter templates',
  })
  letterTemplates(@Ctx() ctx: RequestContext) {
    return this.letters.templates(ctx);
  }

  @Allow(Action.Create, 'OutreachRound')
  @Mutation(() => LetterRoundModel, {
    description:
      'YOUTH_COORDINATOR: print a letter round — one PDF, one page per letter — and record a LETTER contact per letter, in one transaction (all recipients of the own register, or NOT_FOUND and nothing). Protected identity and people without an address get no letter; they are listed in notPrinted (the protected for Skatteverket’s forwarding route).',
  })
  sendLetterRound(@Ctx() ctx: RequestContext, @Args('input') input: SendLetterRoundInput) {
    return this.letters.send(ctx, input);
  }
}
