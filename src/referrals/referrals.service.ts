import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Action } from '../core/authorization/actions';
import { applyAbilityScope } from '../core/authorization/sql-scope';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConsentRequiredError, NotFoundError } from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { CasesService } from '../cases/cases.service';
import { AccessSnapshotService } from '../consent/access-snapshot.service';
import { basisFor, groupedEntries } from '../consent/access-basis';
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

/** Sending and reading referrals (remisser). Transitions: ReferralTransitionsService. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
    private readonly snapshots: AccessSnapshotService,
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
        c.youngPersonId,
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
      return ReferralModel.from(saved, ctx.actor.organisationId, this.clock.today());
    });
  }

  /**
   * Every shared category must be covered by a consent in force for the person that names
   * the receiver; otherwise CONSENT_REQUIRED naming the missing categories.
   */
  private async assertConsentCovers(
    em: EntityManager,
    youngPersonId: string,
    receiverId: string,
    categories: InformationCategory[],
  ): Promise<string[]> {
    const rows: { id: string; categories: InformationCategory[] }[] = await em.query(
      `SELECT cif.id, cif.categories FROM consent_in_force cif
         JOIN consent_recipient r ON r.consent_id = cif.id AND r.organisation_id = $2
        WHERE cif.young_person_id = $1`,
      [youngPersonId, receiverId],
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
    return rows.filter((r) => r.categories.some((c) => categories.includes(c))).map((r) => r.id);
  }

  async list(ctx: RequestContext, args: ReferralsArgs): Promise<Page<ReferralModel>> {
    const qb = this.scoped(this.ds.manager, ctx);
    if (!qb) return toPage([], 0, 0, () => []);
    const org = ctx.actor.organisationId;
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
    const rows = await qb
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(size + 1)
      .getMany();
    await this.logRead(ctx, rows.slice(0, size));
    const d = this.clock.today();
    return toPage(
      rows.map((r) => ReferralModel.from(r, org, d)),
      size,
      total,
      (r) => [r.createdAt.toISOString(), r.id],
    );
  }

  async get(ctx: RequestContext, id: string): Promise<ReferralModel> {
    const r = await this.find(this.ds.manager, ctx, id, false);
    await this.logRead(ctx, [r]);
    return ReferralModel.from(r, ctx.actor.organisationId, this.clock.today());
  }

  async find(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    lock: boolean,
  ): Promise<ReferralEntity> {
    const qb = this.scoped(em, ctx);
    if (qb && lock) qb.setLock('pessimistic_write');
    const found = qb ? await qb.andWhere('r.id = :id', { id }).getOne() : null;
    if (!found) throw new NotFoundError('Referral');
    return found;
  }

  /** Referrals of many cases at once, scoped to what the caller may see. */
  async ofCases(
    ctx: RequestContext,
    caseIds: readonly string[],
  ): Promise<Map<string, ReferralModel[]>> {
    const map = new Map<string, ReferralModel[]>();
    const qb = this.scoped(this.ds.manager, ctx);
    if (!qb || !caseIds.length) return map;
    const rows = await qb
      .andWhere('r.case_id = ANY(:caseIds)', { caseIds: [...caseIds] })
      .orderBy('r.created_at', 'DESC')
      .getMany();
    await this.logRead(ctx, rows);
    const d = this.clock.today();
    for (const r of rows)
      map.set(r.caseId, [
        ...(map.get(r.caseId) ?? []),
        ReferralModel.from(r, ctx.actor.organisationId, d),
      ]);
    return map;
  }

  /** The shared sections the caller may read, for many referrals at once. */
  async sectionsOf(ctx: RequestContext, referralIds: readonly string[]) {
    const map = new Map<string, ReferralSectionModel[]>();
    const qb = this.ds.getRepository(ReferralSectionEntity).createQueryBuilder('s');
    if (!applyAbilityScope(qb, ctx.ability, Action.Read, 'ReferralSection')) return map;
    const rows = await qb
      .andWhere('s.referral_id = ANY(:ids)', { ids: [...referralIds] })
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
   * Name with IDENTITY, contact with CONTACT consent (or the home municipality's youth
   * team, or emergency access); protected identity hides contact without the permission.
   */
  async personsOf(ctx: RequestContext, referrals: ReferralModel[]) {
    const s = await this.snapshots.load(ctx.actor, this.ds.manager);
    const statutory = (r: ReferralModel) =>
      ctx.actor.organisationKind === OrganisationKind.YOUTH_TEAM &&
      r.municipalityCode === ctx.actor.municipalityCode;
    const name = (r: ReferralModel) =>
      statutory(r) ||
      s.isEmergencyPerson(r.youngPersonId) ||
      s.hasCategory(r.youngPersonId, InformationCategory.IDENTITY);
    const contact = (r: ReferralModel) =>
      statutory(r) ||
      s.isEmergencyPerson(r.youngPersonId) ||
      s.hasCategory(r.youngPersonId, InformationCategory.CONTACT);
    const ids = [
      ...new Set(referrals.filter((r) => name(r) || contact(r)).map((r) => r.youngPersonId)),
    ];
    const rows: {
      id: string;
      given_name: string;
      family_name: string;
      phone: string | null;
      email: string | null;
      protected_identity: boolean;
    }[] = ids.length
      ? await this.ds.query(
          `SELECT id, given_name, family_name, phone, email, protected_identity FROM young_person WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const mayProtected = ctx.actor.permissions.includes('PROTECTED_IDENTITY' as never);
    const result = new Map<string, ReferralPersonModel>();
    const fieldsRead = new Set<string>();
    for (const r of referrals) {
      const p = byId.get(r.youngPersonId);
      const showName = !!p && name(r);
      const showContact = !!p && contact(r) && (!p.protected_identity || mayProtected);
      if (showName) fieldsRead.add('givenName').add('familyName');
      if (showContact) fieldsRead.add('phone').add('email');
      result.set(
        r.id,
        Object.assign(new ReferralPersonModel(), {
          id: r.youngPersonId,
          givenName: showName ? p!.given_name : null,
          familyName: showName ? p!.family_name : null,
          phone: showContact ? p!.phone : null,
          email: showContact ? p!.email : null,
        }),
      );
    }
    if (rows.length) {
      const items = referrals
        .filter((r) => byId.has(r.youngPersonId))
        .map((r) => ({
          subjectId: r.youngPersonId,
          youngPersonId: r.youngPersonId,
          municipalityCode: r.municipalityCode,
          ...(statutory(r)
            ? { legalBasis: LegalBasis.STATUTORY_DUTY, consentIds: [] }
            : basisFor(s, r.youngPersonId, {
                own: false,
                categories: [InformationCategory.IDENTITY, InformationCategory.CONTACT],
              })),
        }));
      for (const e of groupedEntries(AccessAction.READ, 'YOUNG_PERSON', items, [...fieldsRead]))
        this.log.read(ctx, e);
    }
    return result;
  }

  private scoped(
    em: EntityManager,
    ctx: RequestContext,
  ): SelectQueryBuilder<ReferralEntity> | null {
    const qb = em.getRepository(ReferralEntity).createQueryBuilder('r');
    return applyAbilityScope(qb, ctx.ability, Action.Read, 'Referral') ? qb : null;
  }

  private async logRead(ctx: RequestContext, rows: ReferralEntity[]): Promise<void> {
    if (!rows.length) return;
    const s = await this.snapshots.load(ctx.actor, this.ds.manager);
    const items = rows.map((r) => ({
      subjectId: r.id,
      youngPersonId: r.youngPersonId,
      municipalityCode: r.municipalityCode,
      ...basisFor(s, r.youngPersonId, { own: r.senderOrganisationId === ctx.actor.organisationId }),
    }));
    for (const e of groupedEntries(AccessAction.READ, 'REFERRAL', items)) this.log.read(ctx, e);
  }
}
