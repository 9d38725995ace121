import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import {
  BadInputError,
  ConflictError,
  ConsentRequiredError,
  NotFoundError,
} from '../core/errors/domain-error';
import { decodeCursor, Page, pageSize, toPage } from '../core/graphql/connection';
import { CASE_WORKING_ROLES, OrganisationKind } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { ageOn } from '../core/clock/stockholm-calendar';
import { groupedEntries } from './access-basis';
import { ConsentEntity, ConsentPolicyEntity } from './consent.entity';
import { ConsentGiver } from './consent-category';
import { ConsentAgePolicy, DEFAULT_CONSENT_POLICY, missingConsent } from './consent-policy';
import { PersonFacts, requireWorkablePerson } from './consent-subject';
import {
  ConsentPolicyInput,
  ConsentsArgs,
  RecordConsentInput,
  WithdrawConsentInput,
} from './dto/consent.inputs';
import { ConsentModel, ConsentPolicyModel } from './models/consent.model';
import { Clock } from '../core/clock/clock';

/** What a consent records, for a person the caller has already found. */
export type ConsentDocument = Omit<RecordConsentInput, 'youngPersonId'>;

/** Recording, withdrawing and listing consents (samtycke), and the age policy. */
@Injectable()
export class ConsentService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  async record(ctx: RequestContext, input: RecordConsentInput): Promise<ConsentModel> {
    return inTransaction(this.ds, async (em) => {
      const person = await requireWorkablePerson(em, ctx, input.youngPersonId);
      return ConsentModel.from(await this.document(em, ctx, person, input));
    });
  }

  /**
   * Documents a consent about `person` in the caller's transaction, logged. Refused with
   * CONSENT_REQUIRED when the home municipality's age policy finds it insufficient. The
   * caller has established that the actor may work with the person (a school with its own
   * student, see the risk flags).
   */
  async document(
    em: EntityManager,
    ctx: RequestContext,
    person: PersonFacts,
    input: ConsentDocument,
    /** An amendment: the version it replaces. */
    previous?: { id: string; version: number; guardiansToBeTold: boolean | null },
  ): Promise<ConsentEntity> {
    const validFrom = input.validFrom ?? this.clock.now();
    if (input.validUntil <= validFrom)
      throw new BadInputError('validUntil must be after validFrom', { field: 'validUntil' });
    if (input.validUntil <= this.clock.now())
      throw new BadInputError('validUntil must be in the future', { field: 'validUntil' });
    const policy = await this.policyOf(em, person.homeMunicipalityCode);
    const age = ageOn(person.birthDate, this.clock.today());
    const missing = missingConsent(input.givenBy, age, policy);
    if (missing.length) {
      throw new ConsentRequiredError(
        `The consent is not sufficient under the municipality's consent policy: missing ${missing.join(' and ')}`,
        { missing },
      );
    }
    const selfConsent =
      age < 18 && input.givenBy.length === 1 && input.givenBy[0] === ConsentGiver.YOUNG_PERSON;
    if (input.guardiansToBeTold != null && !selfConsent)
      throw new BadInputError(
        'guardiansToBeTold is recorded only when a young person under 18 consents alone',
        { field: 'guardiansToBeTold' },
      );
    const known: { id: string }[] = await em.query(
      `SELECT id FROM organisation WHERE id = ANY($1::uuid[])`,
      [input.recipientOrganisationIds],
    );
    if (known.length !== input.recipientOrganisationIds.length)
      throw new BadInputError('Unknown recipient organisation', {
        field: 'recipientOrganisationIds',
      });
    const saved = await em.getRepository(ConsentEntity).save({
      youngPersonId: person.id,
      municipalityCode: person.homeMunicipalityCode,
      givenBy: input.givenBy,
      method: input.method,
      documentedByUserId: ctx.actor.userId,
      documentedByOrganisationId: ctx.actor.organisationId,
      purpose: input.purpose.trim(),
      categories: input.categories,
      validFrom,
      validUntil: input.validUntil,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawalRecordedByUserId: null,
      withdrawalReason: null,
      version: previous ? previous.version + 1 : 1,
      previousVersionId: previous?.id ?? null,
      supersededById: null,
      guardiansToBeTold: selfConsent
        ? (input.guardiansToBeTold ?? previous?.guardiansToBeTold ?? null)
        : null,
    });
    await em.query(
      `INSERT INTO consent_recipient (consent_id, organisation_id) SELECT $1, unnest($2::uuid[])`,
      [saved.id, input.recipientOrganisationIds],
    );
    await this.log.record(em, ctx, [
      {
        action: AccessAction.CREATE,
        subjectType: 'CONSENT',
        subjectIds: [saved.id],
        youngPersonIds: [person.id],
        legalBasis: LegalBasis.CONSENT,
        consentIds: [saved.id],
        subjectMunicipalityCode: person.homeMunicipalityCode,
      },
    ]);
    return saved;
  }

  /**
   * Withdrawal takes effect on the next request (access is computed from the view
   * consent_in_force); every named organisation is told, without content.
   */
  async withdraw(
    ctx: RequestContext,
    id: string,
    input: WithdrawConsentInput,
  ): Promise<ConsentModel> {
    return inTransaction(this.ds, async (em) =>
      ConsentModel.from(await this.withdrawIn(em, ctx, id, input)),
    );
  }

  /** The withdrawal of `withdraw`, in the caller's transaction (a risk flag's own mutation). */
  async withdrawIn(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    input: WithdrawConsentInput,
  ): Promise<ConsentEntity> {
    const consent = await this.find(em, ctx, id, true);
    if (consent.withdrawnAt) throw new ConflictError('The consent is already withdrawn');
    consent.withdrawnAt = this.clock.now();
    consent.withdrawnBy = input.withdrawnBy;
    consent.withdrawalRecordedByUserId = ctx.actor.userId;
    consent.withdrawalReason = input.reason?.trim() || null;
    await em.getRepository(ConsentEntity).save(consent);
    await this.log.record(em, ctx, [
      {
        action: AccessAction.UPDATE,
        subjectType: 'CONSENT',
        subjectIds: [consent.id],
        youngPersonIds: [consent.youngPersonId],
        fields: ['withdrawnAt', 'withdrawnBy', 'withdrawalReason'],
        legalBasis: LegalBasis.CONSENT,
        consentIds: [consent.id],
        subjectMunicipalityCode: consent.municipalityCode,
      },
    ]);
    const recipients: { organisation_id: string }[] = await em.query(
      `SELECT organisation_id FROM consent_recipient WHERE consent_id = $1`,
      [consent.id],
    );
    for (const r of recipients) {
      await this.notifications.notify(
        em,
        { organisationId: r.organisation_id, roles: [...CASE_WORKING_ROLES] },
        { kind: 'CONSENT_WITHDRAWN', subjectType: 'CONSENT', subjectId: consent.id },
      );
    }
    return consent;
  }

  async list(ctx: RequestContext, args: ConsentsArgs): Promise<Page<ConsentModel>> {
    const qb = this.readable(this.ds.manager, ctx);
    if (args.youngPersonId) qb.andWhere('c.young_person_id = :yp', { yp: args.youngPersonId });
    if (args.inForce) qb.andWhere('c.id IN (SELECT id FROM consent_in_force)');
    const total = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, cid] = decodeCursor(args.after, 2);
      qb.andWhere('(c.created_at, c.id) < (:createdAt, :cid)', { createdAt, cid });
    }
    const size = pageSize(args);
    const { entities: rows, raw } = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(size + 1)
      .getRawAndEntities<{ basis: LegalBasis }>();
    const page = rows.slice(0, size);
    this.logRead(ctx, page, raw);
    return toPage(rows.map(ConsentModel.from), size, total, (c) => [
      c.createdAt.toISOString(),
      c.id,
    ]);
  }

  async get(ctx: RequestContext, id: string): Promise<ConsentModel> {
    const { entities, raw } = await this.readable(this.ds.manager, ctx)
      .andWhere('c.id = :id', { id })
      .getRawAndEntities<{ basis: LegalBasis }>();
    if (!entities[0]) throw new NotFoundError('Consent');
    this.logRead(ctx, entities, raw);
    return ConsentModel.from(entities[0]);
  }

  async policy(ctx: RequestContext): Promise<ConsentPolicyModel> {
    const code = ctx.actor.municipalityCode;
    const e = await this.ds
      .getRepository(ConsentPolicyEntity)
      .findOneBy({ municipalityCode: code });
    return ConsentPolicyModel.from(code, e);
  }

  async setPolicy(ctx: RequestContext, input: ConsentPolicyInput): Promise<ConsentPolicyModel> {
    const code = ctx.actor.municipalityCode;
    const rows: ConsentPolicyEntity[] = await this.ds.query(
      `INSERT INTO consent_policy (municipality_code, own_consent_from_age, guardian_also_required,
                                   both_guardians_required, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, app_now())
       ON CONFLICT (municipality_code) DO UPDATE SET own_consent_from_age = EXCLUDED.own_consent_from_age,
         guardian_also_required = EXCLUDED.guardian_also_required,
         both_guardians_required = EXCLUDED.both_guardians_required,
         updated_by = EXCLUDED.updated_by, updated_at = app_now()
       RETURNING municipality_code`,
      [
        code,
        input.ownConsentFromAge,
        input.guardianAlsoRequired,
        input.bothGuardiansRequired,
        ctx.actor.userId,
      ],
    );
    void rows;
    return ConsentPolicyModel.from(code, {
      municipalityCode: code,
      ...input,
      updatedBy: ctx.actor.userId,
      updatedAt: this.clock.now(),
    });
  }

  async policyOf(em: EntityManager, municipalityCode: string): Promise<ConsentAgePolicy> {
    const e = await em.getRepository(ConsentPolicyEntity).findOneBy({ municipalityCode });
    return e ?? DEFAULT_CONSENT_POLICY;
  }

  /**
   * The consents the actor sees (row-level security decides), each with the legal basis
   * of seeing it, from the same decision (authz.consent_record_basis). The WHERE only
   * narrows the scan to candidates the indexes find, so a small organisation does not
   * scan a large municipality's consents.
   */
  private readable(em: EntityManager, ctx: RequestContext): SelectQueryBuilder<ConsentEntity> {
    const qb = em
      .getRepository(ConsentEntity)
      .createQueryBuilder('c')
      .addSelect(
        'authz.consent_record_basis(c.id, c.documented_by_organisation_id, c.young_person_id)',
        'basis',
      )
      .where(
        new Brackets((w) => {
          w.where('c.documented_by_organisation_id = :org').orWhere(
            'c.id IN (SELECT r.consent_id FROM consent_recipient r WHERE r.organisation_id = :org)',
          );
          if (ctx.actor.organisationKind === OrganisationKind.YOUTH_TEAM)
            w.orWhere(
              'c.young_person_id IN (SELECT yp.id FROM young_person yp WHERE yp.home_municipality_code = :muni)',
            );
        }),
        { org: ctx.actor.organisationId, muni: ctx.actor.municipalityCode },
      );
    return qb;
  }

  /** A consent the caller sees (row-level security), optionally locked; else NOT_FOUND. */
  async find(
    em: EntityManager,
    ctx: RequestContext,
    id: string,
    lock: boolean,
  ): Promise<ConsentEntity> {
    const qb = this.readable(em, ctx).andWhere('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['c']);
    const found = await qb.getOne();
    if (!found) throw new NotFoundError('Consent');
    return found;
  }

  /** One entry per legal basis and tenant; `raw[i].basis` is row i's, from its query. */
  private logRead(ctx: RequestContext, rows: ConsentEntity[], raw: { basis: LegalBasis }[]): void {
    const items = rows.map((r, i) => ({
      subjectId: r.id,
      youngPersonId: r.youngPersonId,
      municipalityCode: r.municipalityCode,
      legalBasis: raw[i].basis,
      consentIds: raw[i].basis === LegalBasis.CONSENT ? [r.id] : [],
    }));
    for (const entry of groupedEntries(AccessAction.READ, 'CONSENT', items))
      this.log.read(ctx, entry);
  }
}
