import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../core/auth/decorators';
import { PortalRequest, RequestContext, requestContextOf } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { requestLoader } from '../core/graphql/request-loader';
import { CaseModel } from '../cases/models/case.model';
import { InformationCategory } from '../consent/consent-category';
import { loadOrganisation } from '../consent/organisation.loader';
import { OrganisationModel } from '../identity/models/organisation.model';
import {
  CloseReceivedReferralInput,
  CompleteReferralInput,
  DeclineReferralInput,
  ReferralsArgs,
  SendReferralInput,
} from './dto/referral.inputs';
import {
  ReferralClosureModel,
  ReferralConnection,
  ReferralModel,
  ReferralPersonModel,
  ReferralSectionModel,
  ReferralTransitionModel,
} from './models/referral.model';
import { ReferralTransitionsService } from './referral-transitions.service';
import { ReferralsService } from './referrals.service';

const ID_ARG = { type: () => ID };

@Resolver(() => ReferralModel)
export class ReferralsResolver {
  constructor(
    private readonly service: ReferralsService,
    private readonly transitions: ReferralTransitionsService,
    private readonly ds: DataSource,
  ) {}

  @Allow(Action.Read, 'Referral')
  @Query(() => ReferralConnection, {
    description: 'Referrals the caller’s organisation sent, or received while a consent names it',
  })
  referrals(@Ctx() ctx: RequestContext, @Args() args: ReferralsArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Read, 'Referral')
  @Query(() => ReferralModel)
  referral(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, ParseUUIDPipe) id: string) {
    return this.service.get(ctx, id);
  }

  @Allow(Action.Create, 'Referral')
  @Query(() => [InformationCategory], {
    description:
      'What a referral from this case to the receiver may share: the categories a consent in force for the young person names the receiver for (what sendReferral checks)',
  })
  referralCategories(
    @Ctx() ctx: RequestContext,
    @Args('caseId', ID_ARG, ParseUUIDPipe) caseId: string,
    @Args('receiverOrganisationId', ID_ARG, ParseUUIDPipe) receiverOrganisationId: string,
  ) {
    return this.service.coveredCategories(ctx, caseId, receiverOrganisationId);
  }

  @Allow(Action.Create, 'Referral')
  @Mutation(() => ReferralModel, {
    description:
      'Refused with CONSENT_REQUIRED when a shared category is not covered for the receiver',
  })
  sendReferral(@Ctx() ctx: RequestContext, @Args('input') input: SendReferralInput) {
    return this.service.send(ctx, input);
  }

  @Allow(Action.Create, 'Referral')
  @Mutation(() => ReferralModel, { description: 'Receiver: SENT → ACCEPTED; joins the case' })
  acceptReferral(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, ParseUUIDPipe) id: string,
    @Args('note', { nullable: true }) note?: string,
  ) {
    return this.transitions.accept(ctx, id, note?.slice(0, 2000));
  }

  @Allow(Action.Create, 'Referral')
  @Mutation(() => ReferralModel, { description: 'Receiver: SENT → DECLINED, with a reason' })
  declineReferral(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, ParseUUIDPipe) id: string,
    @Args('input') input: DeclineReferralInput,
  ) {
    return this.transitions.decline(ctx, id, input);
  }

  @Allow(Action.Create, 'Referral')
  @Mutation(() => ReferralModel, {
    description: 'Receiver: ACCEPTED → COMPLETED, with an outcome code',
  })
  completeReferral(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, ParseUUIDPipe) id: string,
    @Args('input') input: CompleteReferralInput,
  ) {
    return this.transitions.complete(ctx, id, input);
  }

  @Allow(Action.Create, 'Referral')
  @Mutation(() => ReferralClosureModel, {
    description:
      'Receiver, also after losing the consent that named it: decline (SENT) or complete with an outcome code (ACCEPTED) without seeing the referral; answers only its id and new state',
  })
  closeReceivedReferral(
    @Ctx() ctx: RequestContext,
    @Args('id', ID_ARG, ParseUUIDPipe) id: string,
    @Args('input') input: CloseReceivedReferralInput,
  ) {
    return this.transitions.closeReceived(ctx, id, input);
  }

  @Allow(Action.Create, 'Referral')
  @Mutation(() => ReferralModel, {
    description: 'Sender: SENT or ACCEPTED → CANCELLED; receiver: ACCEPTED → CANCELLED',
  })
  cancelReferral(@Ctx() ctx: RequestContext, @Args('id', ID_ARG, ParseUUIDPipe) id: string) {
    return this.transitions.cancel(ctx, id);
  }

  @ResolveField(() => [ReferralSectionModel], {
    description: 'What was shared, limited to the categories the caller is consented for',
  })
  async sections(@Parent() r: ReferralModel, @Context('req') req: PortalRequest) {
    return (
      (await requestLoader(req, 'referralSections', (ids) => this.service.sectionsOf(ids)).load(
        r.id,
      )) ?? []
    );
  }

  @ResolveField('transitions', () => [ReferralTransitionModel])
  async transitionHistory(@Parent() r: ReferralModel, @Context('req') req: PortalRequest) {
    return (
      (await requestLoader(req, 'referralTransitions', (ids) =>
        this.service.transitionsOf(ids),
      ).load(r.id)) ?? []
    );
  }

  @ResolveField(() => ReferralPersonModel)
  async youngPerson(@Parent() r: ReferralModel, @Context('req') req: PortalRequest) {
    const ctx = requestContextOf(req);
    return requestLoader(req, 'referralPerson', async (ids) => {
      const parents = ids.map((id) => referralsSeen(req).get(id)!).filter(Boolean);
      return this.service.personsOf(ctx, parents);
    }).load(rememberReferral(req, r));
  }

  @ResolveField(() => OrganisationModel, { nullable: true })
  senderOrganisation(@Parent() r: ReferralModel, @Context('req') req: PortalRequest) {
    return loadOrganisation(req, this.ds, r.senderOrganisationId);
  }

  @ResolveField(() => OrganisationModel, { nullable: true })
  receiverOrganisation(@Parent() r: ReferralModel, @Context('req') req: PortalRequest) {
    return loadOrganisation(req, this.ds, r.receiverOrganisationId);
  }
}

const SEEN = Symbol('referralsSeen');
function referralsSeen(req: PortalRequest): Map<string, ReferralModel> {
  const holder = req as unknown as { [SEEN]?: Map<string, ReferralModel> };
  holder[SEEN] ??= new Map();
  return holder[SEEN];
}
function rememberReferral(req: PortalRequest, r: ReferralModel): string {
  referralsSeen(req).set(r.id, r);
  return r.id;
}

/** The referrals of a case, on the case itself (batched for lists of cases). */
@Resolver(() => CaseModel)
export class CaseReferralsResolver {
  constructor(private readonly service: ReferralsService) {}

  @ResolveField(() => [ReferralModel], { description: 'Referrals of this case the caller may see' })
  async referrals(@Parent() c: CaseModel, @Context('req') req: PortalRequest) {
    const ctx = requestContextOf(req);
    return (
      (await requestLoader(req, 'caseReferrals', (ids) => this.service.ofCases(ctx, ids)).load(
        c.id,
      )) ?? []
    );
  }
}
