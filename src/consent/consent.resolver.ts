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
import { ParseUUIDPipe } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../core/auth/decorators';
import { PortalRequest, RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { requestLoader } from '../core/graphql/request-loader';
import { OrganisationModel } from '../identity/models/organisation.model';
import { ConsentService } from './consent.service';
import { ConsentAmendmentService } from './consent-amendment.service';
import { ConsentDocumentService } from './consent-document.service';
import {
  AmendConsentInput,
  ConsentPolicyInput,
  ConsentsArgs,
  RecordConsentInput,
  WithdrawConsentInput,
} from './dto/consent.inputs';
import {
  ConsentConnection,
  ConsentDocumentModel,
  ConsentModel,
  ConsentPolicyModel,
  ConsentState,
} from './models/consent.model';
import { loadOrganisation } from './organisation.loader';

@Resolver(() => ConsentModel)
export class ConsentResolver {
  constructor(
    private readonly service: ConsentService,
    private readonly amendments: ConsentAmendmentService,
    private readonly documents: ConsentDocumentService,
    private readonly ds: DataSource,
  ) {}

  @Allow(Action.Read, 'Consent')
  @Query(() => ConsentConnection, {
    description:
      'Consents the caller may see: documented by its organisation, naming it, or (youth team) of its municipality',
  })
  consents(@Ctx() ctx: RequestContext, @Args() args: ConsentsArgs) {
    return this.service.list(ctx, args);
  }

  @Allow(Action.Read, 'Consent')
  @Query(() => ConsentModel)
  consent(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return this.service.get(ctx, id);
  }

  @Allow(Action.Create, 'Consent')
  @Mutation(() => ConsentModel, {
    description:
      'Document a consent; refused with CONSENT_REQUIRED when it is not sufficient under the age policy',
  })
  recordConsent(@Ctx() ctx: RequestContext, @Args('input') input: RecordConsentInput) {
    return this.service.record(ctx, input);
  }

  @Allow(Action.Update, 'Consent')
  @Mutation(() => ConsentModel, {
    description: 'Record a withdrawal: access ends on the next request, recipients are notified',
  })
  withdrawConsent(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('input') input: WithdrawConsentInput,
  ) {
    return this.service.withdraw(ctx, id, input);
  }

  @Allow(Action.Update, 'Consent')
  @Mutation(() => ConsentModel, {
    description:
      'Amend a consent (extend, recipients, categories): a new version replaces this one at once; only organisations that lose access are told',
  })
  amendConsent(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @Args('input') input: AmendConsentInput,
  ) {
    return this.amendments.amend(ctx, id, input);
  }

  @Allow(Action.Read, 'ConsentPolicy')
  @Query(() => ConsentPolicyModel, {
    description: "The caller's municipality's consent age policy",
  })
  consentPolicy(@Ctx() ctx: RequestContext) {
    return this.service.policy(ctx);
  }

  @Allow(Action.Update, 'ConsentPolicy')
  @Mutation(() => ConsentPolicyModel, {
    description: 'MUNICIPALITY_ADMIN: set the consent age policy',
  })
  setConsentPolicy(@Ctx() ctx: RequestContext, @Args('input') input: ConsentPolicyInput) {
    return this.service.setPolicy(ctx, input);
  }

  @ResolveField(() => ConsentState)
  state(@Parent() c: ConsentModel, @Context('req') req: PortalRequest) {
    return requestLoader(req, 'consentState', async (ids) => {
      const rows: { id: string; state: ConsentState }[] = await this.ds.query(
        `SELECT c.id, CASE WHEN c.superseded_by_id IS NOT NULL THEN 'SUPERSEDED'
                           WHEN c.withdrawn_at IS NOT NULL THEN 'WITHDRAWN'
                           WHEN c.valid_from > app_now() THEN 'NOT_YET_VALID'
                           WHEN c.valid_until <= app_now() THEN 'EXPIRED'
                           WHEN cif.id IS NULL THEN 'INSUFFICIENT'
                           ELSE 'IN_FORCE' END AS state
           FROM consent c LEFT JOIN consent_in_force cif ON cif.id = c.id
          WHERE c.id = ANY($1::uuid[])`,
        [ids],
      );
      return new Map(rows.map((r) => [r.id, r.state]));
    }).load(c.id);
  }

  @ResolveField(() => [OrganisationModel], { description: 'The organisations the consent names' })
  async recipients(@Parent() c: ConsentModel, @Context('req') req: PortalRequest) {
    const ids = await requestLoader(req, 'consentRecipients', async (keys) => {
      const rows: { consent_id: string; organisation_id: string }[] = await this.ds.query(
        `SELECT consent_id, organisation_id FROM consent_recipient WHERE consent_id = ANY($1::uuid[])`,
        [keys],
      );
      const map = new Map<string, string[]>();
      for (const r of rows)
        map.set(r.consent_id, [...(map.get(r.consent_id) ?? []), r.organisation_id]);
      return map;
    }).load(c.id);
    const orgs = await Promise.all((ids ?? []).map((id) => loadOrganisation(req, this.ds, id)));
    return orgs.filter((o): o is OrganisationModel => !!o);
  }

  @ResolveField(() => ConsentDocumentModel, {
    nullable: true,
    description: 'The signed document, if attached (PUT /consents/:id/document)',
  })
  async document(@Parent() c: ConsentModel, @Context('req') req: PortalRequest) {
    const meta = await requestLoader(req, 'consentDocuments', (ids) =>
      this.documents.metaOf(ids),
    ).load(c.id);
    return meta ? Object.assign(new ConsentDocumentModel(), meta) : null;
  }

  @ResolveField(() => OrganisationModel, { nullable: true })
  documentedByOrganisation(@Parent() c: ConsentModel, @Context('req') req: PortalRequest) {
    return loadOrganisation(req, this.ds, c.documentedByOrganisationId);
  }
}
