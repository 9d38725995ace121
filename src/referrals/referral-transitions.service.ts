import { InjectDataSource } from '@nestjs/typeorm';
import { SYSTEM_DATA_SOURCE } from '../core/database/data-source-options';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction, LegalBasis } from '../audit/access-log-entry';
import { AccessLogWriter } from '../audit/access-log.writer';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { BadInputError, ConflictError, NotFoundError } from '../core/errors/domain-error';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import {
  CloseReceivedReferralInput,
  CompleteReferralInput,
  DeclineReferralInput,
} from './dto/referral.inputs';
import { ReferralClosureModel, ReferralModel } from './models/referral.model';
import { ReferralEntity, ReferralTransitionEntity } from './referral.entities';
import { ReferralState } from './referral.enums';
import { nextReferralState, ReferralEvent } from './referral-state';
import { ReferralsService } from './referrals.service';
import { Clock } from '../core/clock/clock';
import { queryRows } from '../core/database/query-rows';

/** Moves referrals through the closed loop; each step timed, attributed and announced. */
@Injectable()
export class ReferralTransitionsService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    /** The scheduled jobs look across organisations: they run as the owner. */
    @InjectDataSource(SYSTEM_DATA_SOURCE) private readonly system: DataSource,
    private readonly referrals: ReferralsService,
    private readonly log: AccessLogWriter,
    private readonly notifications: NotificationWriter,
  ) {}

  /** Accepting adds the receiver to the case as a participant (see move). */
  accept(ctx: RequestContext, id: string, note?: string) {
    return this.move(ctx, id, 'ACCEPT', async (r) => {
      r.receiverNote = note?.trim() || r.receiverNote;
      return null;
    });
  }

  decline(ctx: RequestContext, id: string, input: DeclineReferralInput) {
    return this.move(ctx, id, 'DECLINE', async (r) => {
      r.declineReason = input.reason;
      r.receiverNote = input.note?.trim() || r.receiverNote;
      return input.reason;
    });
  }

  complete(ctx: RequestContext, id: string, input: CompleteReferralInput) {
    return this.move(ctx, id, 'COMPLETE', async (r) => {
      r.outcomeCode = input.outcomeCode;
      r.receiverNote = input.note?.trim() || r.receiverNote;
      return input.outcomeCode;
    });
  }

  cancel(ctx: RequestContext, id: string) {
    return this.move(ctx, id, 'CANCEL', async () => null);
  }

  /**
   * The receiver closes the loop without seeing the referral, e.g. after the consent that
   * named it was withdrawn: decline a SENT referral or complete an ACCEPTED one with an
   * outcome code, which goes back to the sender. Row-level security still hides the
   * referral; authz.received_referral finds only one addressed to the caller's
   * organisation, and the answer is its new state, nothing of its content.
   */
  async closeReceived(ctx: RequestContext, id: string, input: CloseReceivedReferralInput) {
    if ((input.declineReason == null) === (input.outcomeCode == null))
      throw new BadInputError('Give either declineReason or outcomeCode', {
        field: 'declineReason',
      });
    const event: ReferralEvent = input.declineReason ? 'DECLINE' : 'COMPLETE';
    return inTransaction(this.ds, async (em) => {
      const [r] = await queryRows<{
        state: ReferralState;
        young_person_id: string;
        municipality_code: string;
        sender_organisation_id: string;
      }>(em, `SELECT * FROM authz.received_referral($1)`, [id]);
      if (!r) throw new NotFoundError('Referral');
      const to = nextReferralState(r.state, event, 'RECEIVER');
      const [{ closed }] = await queryRows<{ closed: boolean }>(
        em,
        `SELECT authz.close_received_referral($1, $2, $3, $4) AS closed`,
        [id, to, input.declineReason ?? null, input.outcomeCode ?? null],
      );
      if (!closed) throw new ConflictError('The referral changed meanwhile');
      await this.notifications.notify(
        em,
        { organisationId: r.sender_organisation_id, roles: [...CASE_WORKING_ROLES] },
        { kind: `REFERRAL_${to}`, subjectType: 'REFERRAL', subjectId: id },
      );
      // The receiver's own answer to what was sent to it; it read nothing to give it.
      await this.log.record(em, ctx, [
        {
          action: AccessAction.UPDATE,
          subjectType: 'REFERRAL',
          subjectIds: [id],
          youngPersonIds: [r.young_person_id],
          fields: ['state', event === 'DECLINE' ? 'declineReason' : 'outcomeCode'],
          legalBasis: LegalBasis.OWN_ORGANISATION,
          consentIds: [],
          subjectMunicipalityCode: r.municipality_code,
        },
      ]);
      return Object.assign(new ReferralClosureModel(), { id, state: to });
    });
  }

  /**
   * Only a party moves a referral on: the sender or the receiver as authz.referral_access
   * decided with the locked row. Anyone else who sees it (an emergency opening) gets
   * NOT_FOUND, as for an id that does not exist; the other party gets FORBIDDEN.
   */
  private move(
    ctx: RequestContext,
    id: string,
    event: ReferralEvent,
    apply: (r: ReferralEntity) => Promise<string | null>,
  ): Promise<ReferralModel> {
    return inTransaction(this.ds, async (em) => {
      const r = await this.referrals.find(em, ctx, id, true);
      const party = r.access.party;
      if (!party) throw new NotFoundError('Referral');
      const from = r.state;
      const to = nextReferralState(from, event, party);
      const code = await apply(r);
      r.state = to;
      r.updatedAt = this.clock.now();
      await em.getRepository(ReferralEntity).save(r);
      if (to === ReferralState.ACCEPTED)
        await em.query(`SELECT authz.join_case_of_accepted_referral($1)`, [r.id]);
      await em.getRepository(ReferralTransitionEntity).insert({
        referralId: r.id,
        fromState: from,
        toState: to,
        code,
        byUserId: ctx.actor.userId,
        byOrganisationId: ctx.actor.organisationId,
      });
      const other = party === 'RECEIVER' ? r.senderOrganisationId : r.receiverOrganisationId;
      await this.notifications.notify(
        em,
        { organisationId: other, roles: [...CASE_WORKING_ROLES] },
        { kind: `REFERRAL_${to}`, subjectType: 'REFERRAL', subjectId: r.id },
      );
      await this.log.record(em, ctx, [
        {
          action: AccessAction.UPDATE,
          subjectType: 'REFERRAL',
          subjectIds: [r.id],
          youngPersonIds: [r.youngPersonId],
          fields: ['state'],
          legalBasis: r.access.basis,
          consentIds: r.access.consentIds,
          subjectMunicipalityCode: r.municipalityCode,
        },
      ]);
      return ReferralModel.from(r, party, this.clock.today());
    });
  }

  /**
   * Tells sender and receiver once about each referral left unanswered past its due date.
   * Run by the alerts job on the clock (alerts/alerts.job.ts), never by a query.
   */
  async notifyOverdue(): Promise<number> {
    return inTransaction(this.system, async (em) => {
      const rows = await queryRows<{
        id: string;
        sender_organisation_id: string;
        receiver_organisation_id: string;
      }>(
        em,
        `UPDATE referral SET overdue_notified_at = app_now()
            WHERE state = $1 AND response_due_date < app_today() AND overdue_notified_at IS NULL
           RETURNING id, sender_organisation_id, receiver_organisation_id`,
        [ReferralState.SENT],
      );
      for (const r of rows)
        for (const org of [r.sender_organisation_id, r.receiver_organisation_id])
          await this.notifications.notify(
            em,
            { organisationId: org, roles: [...CASE_WORKING_ROLES] },
            { kind: 'REFERRAL_OVERDUE', subjectType: 'REFERRAL', subjectId: r.id },
          );
      return rows.length;
    });
  }
}
