import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConsentRequiredError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { CasesService } from '../cases/cases.service';
import { BasisItem, groupedEntries } from '../consent/access-basis';
import { InformationCategory } from '../consent/consent-category';
import { CASE_WORKING_ROLES, OrganisationKind } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { ReferralsArgs, SendReferralInput } from './dto/referral.inputs';
import {
  ReferralModel,
  ReferralPersonModel,
  ReferralSectionModel,
  ReferralTransitionModel,
} from './models/referral.model';
import {
  ReferralEntity,
  ReferralSectionEntity,
  ReferralTransitionEntity,
} from './referral.entities';
import {
  RECEIVER_KINDS,
  ReferralDirection,
  ReferralPurpose,
  ReferralState,
} from './referral.enums';
import { Clock } from '../core/clock/clock';
import { visibleReferrals, VisibleReferral, withAccess } from './referral-access';

/** A young person's row beside what authz.person_row_access decided for the caller. */
interface PersonRow {
  id: string;
  given_name: string;
  family_name: string;
  phone: string | null;
  email: string | null;
  identity: boolean | null;
  contact: boolean | null;
  basis: LegalBasis | null;
  consent_ids: string[] | null;
}

/** Sending and reading referrals (remisser). Transitions: ReferralTransitionsService. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  async send(ctx: RequestContext, input: SendReferralInput): Promise<ReferralModel> {
    if (input.responseDueDate < this.clock.today())
      throw new BadInputError('responseDueDate cannot be in the past', {
        field: 'responseDueDate',
      });
    const outside = input.sections.filter((s) => !input.sharedCategories.includes(s.category));
    if (outside.length)
      throw new BadInputError('Every section must be in one of the shared categories', {
        field: 'sections',
      });
    if (new Set(input.sections.map((s) => s.category)).size !== input.sections.length)
      throw new BadInputError('One section per category', { field: 'sections' });
    if (input.purpose === ReferralPurpose.ASSOCIATION_ACTIVITY && !input.activity?.trim())
      throw new BadInputError('An association referral names the activity', { field: 'activity' });
    return inTransaction(this.ds, async (em) => {
      const c = await this.cases.find(em, ctx, input.caseId, 'write');
      if (input.receiverOrganisationId === ctx.actor.organisationId)
        throw new BadInputError('A referral goes to another organisation', {
          field: 'receiverOrganisationId',
        });
      const receiver: { kind: OrganisationKind }[] = await em.query(
        `SELECT kind FROM organisation WHERE id = $1`,
        [input.receiverOrganisationId],
      );
      if (!receiver.length) throw new NotFoundError('Organisation');
      const kinds = RECEIVER_KINDS[input.purpose];
      if (!kinds.includes(receiver[0].kind))
        throw new BadInputError(
          `A ${input.purpose} referral goes to an organisation of kind ${kinds.join(' or ')}`,
          { field: 'receiverOrganisationId' },
        );
      const consentIds = await this.assertConsentCovers(
        em,
        c.id,
        input.receiverOrganisationId,
        input.sharedCategories,
      );
      const saved = await em.getRepository(ReferralEntity).save({
        caseId: c.id,
        youngPersonId: c.youngPersonId,
        municipalityCode: c.municipalityCode,
        senderOrganisationId: ctx.actor.organisationId,
        senderUserId: ctx.actor.userId,
        receiverOrganisationId: input.receiverOrganisationId,
        purpose: input.purpose,
        activity: input.activity?.trim() || null,
        sharedCategories: input.sharedCategories,
        responseDueDate: input.responseDueDate,
        state: ReferralState.SENT,
        declineReason: null,
        outcomeCode: null,
        receiverNote: null,
        overdueNotifiedAt: null,
      });
      if (input.sections.length)
        await em.getRepository(ReferralSectionEntity).insert(
          input.sections.map((s) => ({
            referralId: saved.id,
            youngPersonId: c.youngPersonId,
            senderOrganisationId: ctx.actor.organisationId,
            receiverOrganisationId: input.receiverOrganisationId,
            category: s.category,
            body: s.body,
          })),
        );
      await em.getRepository(ReferralTransitionEntity).insert({
        referralId: saved.id,
        fromState: null,
        toState: ReferralState.SENT,
        byUserId: ctx.actor.userId,
        byOrganisationId: ctx.actor.organisationId,
      });
      await this.notifications.notify(
        em,
        { organisationId: input.receiverOrganisationId, roles: [...CASE_WORKING_ROLES] },
        { kind: 'REFERRAL_RECEIVED', subjectType: 'REFERRAL', subjectId: saved.id },
      );
      // Sharing with the receiver rests on the receiver's consents.
      await this.log.record(em, ctx, [
        {
          action: AccessAction.CREATE,
          subjectType: 'REFERRAL',
          subjectIds: [saved.id],
          youngPersonIds: [c.youngPersonId],
          fields: input.sharedCategories,
          legalBasis: LegalBasis.CONSENT,
          consentIds,
          subjectMunicipalityCode: c.municipalityCode,
        },
      ]);
      return ReferralModel.from(saved, 'SENDER', this.clock.today());
    });
  }

  /**
   * The categories a referral from the case to the receiver may share now: those the
   * consents in force naming the receiver cover (the same authz.referral_consents that
   * sendReferral checks, so the form cannot offer what sending would refuse). NOT_FOUND
   * for a case out of the caller's sight; logged as a read of the case's consents.
   */
  async coveredCategories(
    ctx: RequestContext,
    caseId: string,
    receiverId: string,
  ): Promise<InformationCategory[]> {
    const c = await this.cases.find(this.ds.manager, ctx, caseId);
    const rows: { consent_id: string; categories: InformationCategory[] }[] = await this.ds.query(
      `SELECT consent_id, categories FROM authz.referral_consents($1, $2)`,
      [caseId, receiverId],
    );
    this.log.read(ctx, {
      action: AccessAction.READ,
      subjectType: 'CASE',
      subjectIds: [c.id],
      youngPersonIds: [c.youngPersonId],
      fields: ['referralCategories'],
      legalBasis: c.access.basis,
      consentIds: c.access.consentIds,
      subjectMunicipalityCode: c.municipalityCode,
    });
    const covered = new Set(rows.flatMap((r) => r.categories));
    return Object.values(InformationCategory).filter((k) => covered.has(k));
  }

  /**
   * Every shared category must be covered by a consent in force for the case's person that
   * names the receiver (authz.referral_consents); otherwise CONSENT_REQUIRED naming the
   * missing categories. Returns the consents the sharing rests on.
   */
  private async assertConsentCovers(
    em: EntityManager,
    caseId: string,
    receiverId: string,
    categories: InformationCategory[],
  ): Promise<string[]> {
    const rows: { consent_id: string; categories: InformationCategory[] }[] = await em.query(
      `SELECT consent_id, categories FROM authz.referral_consents($1, $2)`,
      [caseId, receiverId],
    );
    if (!rows.length)
      throw new ConsentRequiredError(
        'No consent in force names the receiving organisation for this young person',
        { missing: categories },
      );
    const covered = new Set(rows.flatMap((r) => r.categories));
    const missing = categories.filter((c) => !covered.has(c));
    if (missing.length)
      throw new ConsentRequiredError(
        `The consent in force for the receiving organisation does not cover: ${missing.join(', ')}`,
        { missing },
      );
    return rows
      .filter((r) => r.categories.some((c) => categories.includes(c)))
      .map((r) => r.consent_id);
  }

  /**
   * Referrals the caller sees, newest first. Row-level security decides which; the
   * narrowing to the organisation's own sent and received ones (and the cases the actor
   * opened in an emergency) only lets PostgreSQL start from referral_sender_idx / referral_receiver_idx.
   */
  async list(ctx: RequestContext, args: ReferralsArgs): Promise<Page<ReferralModel>> {
    const org = ctx.actor.organisationId;
    const qb = visibleReferrals(this.ds.manager).where(
      `(r.sender_organisation_id = :org OR r.receiver_organisation_id = :org
        OR r.case_id IN (SELECT ea.case_id FROM emergency_access ea
                          WHERE ea.user_id = :user AND app_now() < ea.expires_at))`,
      { org, user: ctx.actor.userId },
    );
    if (args.direction === ReferralDirection.SENT)
      qb.andWhere('r.sender_organisation_id = :org', { org });
    if (args.direction === ReferralDirection.RECEIVED)
      qb.andWhere('r.receiver_organisation_id = :org', { org });
    if (args.state) qb.andWhere('r.state = :state', { state: args.state });
    if (args.overdue) qb.andWhere(`r.state = 'SENT' AND r.response_due_date < app_today()`);
    if (args.caseId) qb.andWhere('r.case_id = :caseId', { caseId: args.caseId });
    const total = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, id] = decodeCursor(args.after, 2);
      qb.andWhere('(r.created_at, r.id) < (:createdAt, :id)', { createdAt, id });
    }
    const size = pageSize(args);
    const rows = await withAccess(
      qb
        .orderBy('r.created_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .limit(size + 1),
    );
    this.logRead(ctx, rows.slice(0, size));
    const d = this.clock.today();
    return toPage(
      rows.map((r) => ReferralModel.from(r, r.access.party, d)),
      size,
      total,
      (r) => [r.createdAt.toISOString(), r.id],
    );
  }

  async get(ctx: RequestContext, id: string): Promise<ReferralModel> {
    const r = await this.find(this.ds.manager, ctx, id, false);
    this.logRead(ctx, [r]);
    return ReferralModel.from(r, r.access.party, this.clock.today());
  }

  /** A referral the caller sees, else NOT_FOUND (row-level security hides it). */
  async find(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    lock: boolean,
  ): Promise<VisibleReferral> {
    const qb = visibleReferrals(em).where('r.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const [found] = await withAccess(qb);
    if (!found) throw new NotFoundError('Referral');
    return found;
  }

  /** Referrals of many cases at once, as the caller sees them. */
  async ofCases(
    ctx: RequestContext,
    caseIds: readonly string[],
  ): Promise<Map<string, ReferralModel[]>> {
    const map = new Map<string, ReferralModel[]>();
    if (!caseIds.length) return map;
    const rows = await withAccess(
      visibleReferrals(this.ds.manager)
        .where('r.case_id = ANY(:caseIds)', { caseIds: [...caseIds] })
        .orderBy('r.created_at', 'DESC'),
    );
    this.logRead(ctx, rows);
    const d = this.clock.today();
    for (const r of rows)
      map.set(r.caseId, [...(map.get(r.caseId) ?? []), ReferralModel.from(r, r.access.party, d)]);
    return map;
  }

  /**
   * The shared sections the caller may read, for many referrals at once: row-level
   * security (authz.sees_referral_section) keeps the sender's all and the receiver's
   * consented categories.
   */
  async sectionsOf(referralIds: readonly string[]) {
    const map = new Map<string, ReferralSectionModel[]>();
    const rows = await this.ds
      .getRepository(ReferralSectionEntity)
      .createQueryBuilder('s')
      .where('s.referral_id = ANY(:ids)', { ids: [...referralIds] })
      .orderBy('s.category')
      .getMany();
    for (const s of rows)
      map.set(s.referralId, [
        ...(map.get(s.referralId) ?? []),
        Object.assign(new ReferralSectionModel(), { category: s.category, body: s.body }),
      ]);
    return map;
  }

  async transitionsOf(referralIds: readonly string[]) {
    const rows = await this.ds
      .getRepository(ReferralTransitionEntity)
      .createQueryBuilder('t')
      .where('t.referral_id = ANY(:ids)', { ids: [...referralIds] })
      .orderBy('t.at')
      .getMany();
    const map = new Map<string, ReferralTransitionModel[]>();
    for (const t of rows)
      map.set(t.referralId, [...(map.get(t.referralId) ?? []), ReferralTransitionModel.from(t)]);
    return map;
  }

  /**
   * The young person of each referral as authz.person_row_access lets the caller see them
   * (name with identity, phone and e-mail with contact), logged on that decision's basis.
   */
  async personsOf(ctx: RequestContext, referrals: ReferralModel[]) {
    const ids = [...new Set(referrals.map((r) => r.youngPersonId))];
    const rows: PersonRow[] = ids.length
      ? await this.ds.query(
          `SELECT yp.id, yp.given_name, yp.family_name, yp.phone, yp.email,
                  (a).identity, (a).contact, (a).basis, (a).consent_ids
             FROM young_person yp,
                  authz.person_row_access(yp.id, yp.home_municipality_code, yp.protected_identity) a
            WHERE yp.id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    const byId = new Map(rows.map((p) => [p.id, p]));
    const result = new Map<string, ReferralPersonModel>();
    const items: (BasisItem & { fields: string[] })[] = [];
    for (const r of referrals) {
      const p = byId.get(r.youngPersonId);
      result.set(
        r.id,
        Object.assign(new ReferralPersonModel(), {
          id: r.youngPersonId,
          givenName: p?.identity ? p.given_name : null,
          familyName: p?.identity ? p.family_name : null,
          phone: p?.contact ? p.phone : null,
          email: p?.contact ? p.email : null,
        }),
      );
      if (!p?.basis) continue;
      items.push({
        subjectId: p.id,
        youngPersonId: p.id,
        municipalityCode: r.municipalityCode,
        legalBasis: p.basis,
        consentIds: p.consent_ids ?? [],
        fields: [
          ...(p.identity ? ['givenName', 'familyName'] : []),
          ...(p.contact ? ['phone', 'email'] : []),
        ],
      });
    }
    const fields = [...new Set(items.flatMap((i) => i.fields))];
    for (const e of groupedEntries(AccessAction.READ, 'YOUNG_PERSON', items, fields))
      this.log.read(ctx, e);
    return result;
  }

  private logRead(ctx: RequestContext, rows: VisibleReferral[]): void {
    const items = rows.map((r) => ({
      subjectId: r.id,
      youngPersonId: r.youngPersonId,
      municipalityCode: r.municipalityCode,
      legalBasis: r.access.basis,
      consentIds: r.access.consentIds,
    }));
    for (const e of groupedEntries(AccessAction.READ, 'REFERRAL', items)) this.log.read(ctx, e);
  }
}
