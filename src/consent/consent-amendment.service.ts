import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { Clock } from '../core/clock/clock';
import { inTransaction } from '../core/database/transaction';
import { queryRows } from '../core/database/query-rows';
import { BadInputError, ConflictError } from '../core/errors/domain-error';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { ConsentEntity } from './consent.entity';
import { ConsentService } from './consent.service';
import { requireWorkablePerson } from './consent-subject';
import { AmendConsentInput } from './dto/consent.inputs';
import { ConsentModel } from './models/consent.model';

const CHANGEABLE: (keyof AmendConsentInput)[] = [
  'recipientOrganisationIds',
  'categories',
  'validUntil',
  'givenBy',
  'method',
  'purpose',
  'guardiansToBeTold',
];

/**
 * An amendment (extend, another recipient or category) is a new version linked to the one
 * it replaces, as a new paper signed over the old one; the old version ends at once, like a
 * withdrawal, so access follows the new version on the next request. Only the
 * organisations that lose something are told: a recipient left out (CONSENT_WITHDRAWN, for
 * the old version) or one that keeps the consent with fewer categories (CONSENT_NARROWED,
 * for the new). Recipients who keep all they had hear nothing.
 */
@Injectable()
export class ConsentAmendmentService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly consents: ConsentService,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  async amend(ctx: RequestContext, id: string, input: AmendConsentInput): Promise<ConsentModel> {
    if (!CHANGEABLE.some((k) => input[k] !== undefined && input[k] !== null))
      throw new BadInputError('Nothing to amend');
    return inTransaction(this.ds, async (em) => {
      const old = await this.consents.find(em, ctx, id, true);
      if (old.supersededById) throw new ConflictError('This version was already amended');
      if (old.withdrawnAt) throw new ConflictError('The consent is withdrawn');
      if (old.validUntil <= this.clock.now()) throw new ConflictError('The consent has ended');
      const oldRecipients = (
        await queryRows<{ organisation_id: string }>(
          em,
          `SELECT organisation_id FROM consent_recipient WHERE consent_id = $1`,
          [old.id],
        )
      ).map((r) => r.organisation_id);
      const person = await requireWorkablePerson(em, ctx, old.youngPersonId);
      const categories = input.categories ?? old.categories;
      const recipients = input.recipientOrganisationIds ?? oldRecipients;
      const next = await this.consents.document(
        em,
        ctx,
        person,
        {
          givenBy: input.givenBy ?? old.givenBy,
          method: input.method ?? old.method,
          purpose: input.purpose ?? old.purpose,
          recipientOrganisationIds: recipients,
          categories,
          validUntil: input.validUntil ?? old.validUntil,
          guardiansToBeTold: input.guardiansToBeTold ?? undefined,
        },
        old,
      );

      old.withdrawnAt = this.clock.now();
      old.withdrawnBy = input.requestedBy;
      old.withdrawalRecordedByUserId = ctx.actor.userId;
      old.supersededById = next.id;
      await em.getRepository(ConsentEntity).save(old);
      await this.log.record(em, ctx, [
        {
          action: AccessAction.UPDATE,
          subjectType: 'CONSENT',
          subjectIds: [old.id],
          youngPersonIds: [old.youngPersonId],
          fields: ['withdrawnAt', 'withdrawnBy', 'supersededById'],
          legalBasis: LegalBasis.CONSENT,
          consentIds: [old.id],
          subjectMunicipalityCode: old.municipalityCode,
        },
      ]);

      const kept = new Set(recipients);
      const narrowed = old.categories.some((c) => !categories.includes(c));
      for (const org of oldRecipients) {
        if (!kept.has(org)) await this.tell(em, org, 'CONSENT_WITHDRAWN', old.id);
        else if (narrowed) await this.tell(em, org, 'CONSENT_NARROWED', next.id);
      }
      return ConsentModel.from(next);
    });
  }

  private tell(
    em: Parameters<NotificationWriter['notify']>[0],
    org: string,
    kind: string,
    id: string,
  ) {
    return this.notifications.notify(
      em,
      { organisationId: org, roles: [...CASE_WORKING_ROLES] },
      { kind, subjectType: 'CONSENT', subjectId: id },
    );
  }
}
