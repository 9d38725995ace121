import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { BadInputError, ConflictError, NotFoundError } from '../../core/errors/domain-error';
import { StudentsService } from '../students/students.service';
import {
  BookPreventiveMeetingInput,
  ChangeRiskFlagStatusInput,
  RaiseRiskFlagInput,
  UpdatePreventiveMeetingInput,
} from './dto/risk-flag.inputs';
import { PreventiveMeetingModel, RiskFlagModel } from './models/risk-flag.model';
import { PreventiveMeetingEntity } from './preventive-meeting.entity';
import { RiskFlagConsentService } from './risk-flag-consent.service';
import { flagAccessEntry } from './risk-flag-access';
import { RiskFlagQueriesService } from './risk-flag-queries.service';
import { assertTransition, isClosed } from './risk-flag-transitions';
import { RiskFlagEntity } from './risk-flag.entity';
import { MeetingStatus, RiskFlagStatus, RiskIndicator } from './risk-flag.enums';
import { Clock } from '../../core/clock/clock';

/** Raising a flag and following it up: status changes and preventive meetings. */
@Injectable()
export class RiskFlagsService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly students: StudentsService,
    private readonly queries: RiskFlagQueriesService,
    private readonly consents: RiskFlagConsentService,
  ) {}

  async raise(ctx: RequestContext, input: RaiseRiskFlagInput): Promise<RiskFlagModel> {
    const indicators = [...new Set(input.indicators)];
    const highAbsence = indicators.includes(RiskIndicator.HIGH_ABSENCE);
    if (highAbsence !== (input.absencePercentage !== undefined && input.absencePercentage !== null))
      throw new BadInputError('absencePercentage is required with HIGH_ABSENCE and only then');
    return this.ds.transaction(async (em) => {
      const student = await this.students.requireStudent(em, ctx, input.youngPersonId, {
        includeRecentlyLeft: false,
      });
      const flag = await em.getRepository(RiskFlagEntity).save(
        em.getRepository(RiskFlagEntity).create({
          youngPersonId: student.id,
          schoolOrganisationId: ctx.actor.organisationId,
          schoolMunicipalityCode: ctx.actor.municipalityCode,
          indicators,
          absencePercentage: highAbsence ? input.absencePercentage! : null,
          severity: input.severity,
          note: input.note?.trim() || null,
          status: RiskFlagStatus.OPEN,
          statusChangedAt: this.clock.now(),
          raisedBy: ctx.actor.userId,
          responsibleUserId: ctx.actor.userId,
        }),
      );
      await this.log.record(em, ctx, [flagAccessEntry(ctx, AccessAction.CREATE, [flag])]);
      if (input.consent) await this.consents.share(em, ctx, flag, student, input.consent);
      return RiskFlagModel.from(flag);
    });
  }

  /** PLAN_AGREED and RESOLVED; the other states have their own mutations. */
  async changeStatus(
    ctx: RequestContext,
    input: ChangeRiskFlagStatusInput,
  ): Promise<RiskFlagModel> {
    if (input.status === RiskFlagStatus.MEETING_BOOKED)
      throw new BadInputError('Book a preventive meeting to move a flag to MEETING_BOOKED');
    if (input.status === RiskFlagStatus.ESCALATED)
      throw new BadInputError('Send a notice with riskFlagId to escalate a flag');
    return this.ds.transaction(async (em) => {
      const flag = await this.queries.findScoped(em, ctx, input.riskFlagId, Action.Update);
      assertTransition(flag.status, input.status);
      flag.status = input.status;
      flag.statusChangedAt = this.clock.now();
      await em.getRepository(RiskFlagEntity).save(flag);
      await this.log.record(em, ctx, [
        flagAccessEntry(ctx, AccessAction.UPDATE, [flag], ['status']),
      ]);
      return RiskFlagModel.from(flag);
    });
  }

  async bookMeeting(
    ctx: RequestContext,
    input: BookPreventiveMeetingInput,
  ): Promise<PreventiveMeetingModel> {
    return this.ds.transaction(async (em) => {
      const flag = await this.queries.findScoped(em, ctx, input.riskFlagId, Action.Update);
      if (isClosed(flag.status))
        throw new ConflictError(`A ${flag.status} risk flag takes no more meetings`);
      const meeting = await em.getRepository(PreventiveMeetingEntity).save(
        em.getRepository(PreventiveMeetingEntity).create({
          riskFlagId: flag.id,
          meetingAt: input.meetingAt,
          participants: input.participants.map((p) => p.trim()),
          status: MeetingStatus.BOOKED,
          bookedBy: ctx.actor.userId,
        }),
      );
      const entries = [
        {
          ...flagAccessEntry(ctx, AccessAction.CREATE, [flag], ['meetingAt', 'participants']),
          subjectType: 'PREVENTIVE_MEETING',
          subjectIds: [meeting.id],
        },
      ];
      // A follow-up meeting after the plan was agreed leaves the state as it is.
      if (flag.status === RiskFlagStatus.OPEN) {
        flag.status = RiskFlagStatus.MEETING_BOOKED;
        flag.statusChangedAt = this.clock.now();
        await em.getRepository(RiskFlagEntity).save(flag);
        entries.push(flagAccessEntry(ctx, AccessAction.UPDATE, [flag], ['status']));
      }
      await this.log.record(em, ctx, entries);
      return PreventiveMeetingModel.from(meeting);
    });
  }

  async updateMeeting(
    ctx: RequestContext,
    input: UpdatePreventiveMeetingInput,
  ): Promise<PreventiveMeetingModel> {
    return this.ds.transaction(async (em) => {
      const meeting = await em
        .getRepository(PreventiveMeetingEntity)
        .findOneBy({ id: input.meetingId });
      if (!meeting) throw new NotFoundError('Preventive meeting');
      // Scoped through the flag: a meeting of another school's flag is not found.
      const flag = await this.queries
        .findScoped(em, ctx, meeting.riskFlagId, Action.Update)
        .catch(() => {
          throw new NotFoundError('Preventive meeting');
        });
      if (meeting.status !== MeetingStatus.BOOKED)
        throw new ConflictError(`The meeting is already ${meeting.status}`);
      meeting.status = input.status;
      await em.getRepository(PreventiveMeetingEntity).save(meeting);
      await this.log.record(em, ctx, [
        {
          ...flagAccessEntry(ctx, AccessAction.UPDATE, [flag], ['status']),
          subjectType: 'PREVENTIVE_MEETING',
          subjectIds: [meeting.id],
        },
      ]);
      return PreventiveMeetingModel.from(meeting);
    });
  }
}
