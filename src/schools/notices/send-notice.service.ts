import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessAction } from '../../audit/access-log-entry';
import { AccessLogWriter } from '../../audit/access-log.writer';
import { RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { BadInputError } from '../../core/errors/domain-error';
import { ageOn } from '../../core/clock/stockholm-calendar';
import { flagAccessEntry } from '../risk-flags/risk-flag-access';
import { RiskFlagQueriesService } from '../risk-flags/risk-flag-queries.service';
import { assertTransition } from '../risk-flags/risk-flag-transitions';
import { RiskFlagEntity } from '../risk-flags/risk-flag.entity';
import { RiskFlagStatus } from '../risk-flags/risk-flag.enums';
import { StudentFacts, StudentsService } from '../students/students.service';
import { YouthTeamNotifier } from '../youth-team-notifier';
import { SendSchoolNoticeInput } from './dto/school-notice.inputs';
import { SchoolNoticeModel } from './models/school-notice.model';
import { noticeAccessEntry, SCHOOL_NOTICE_SUBJECT } from './notice-access';
import { SchoolNoticeEntity } from './school-notice.entity';
import { NoticeStatus } from './school-notice.enums';
import { Clock } from '../../core/clock/clock';
import { legalDutySubject } from '../../young-people/duplicates/legal-duty-subject';

export const NOTICE_RECEIVED = 'NOTICE_RECEIVED';
/** The notice duty covers students under 20 (Skollagen 15 kap. 15 §). */
export const NOTICE_AGE_LIMIT = 20;

/**
 * Sending a notice is a legal duty of the school: no consent is asked for and nothing
 * (withdrawn consents, guardians who declined contact) may stop it.
 */
@Injectable()
export class SendNoticeService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly log: AccessLogWriter,
    private readonly students: StudentsService,
    private readonly flags: RiskFlagQueriesService,
    private readonly youthTeams: YouthTeamNotifier,
  ) {}

  async send(ctx: RequestContext, input: SendSchoolNoticeInput): Promise<SchoolNoticeModel> {
    if (!input.youngPersonId === !input.newStudent)
      throw new BadInputError('Give either youngPersonId or newStudent');
    const today = this.clock.today();
    if (input.lastAttendanceDate > today)
      throw new BadInputError('lastAttendanceDate cannot be in the future');
    if (input.newStudent && input.lastAttendanceDate < input.newStudent.startDate)
      throw new BadInputError('lastAttendanceDate is before the start date');
    return this.ds.transaction(async (em) => {
      const student: StudentFacts = input.youngPersonId
        ? await this.students.requireStudent(em, ctx, input.youngPersonId, {
            includeRecentlyLeft: true,
          })
        : await this.students.enrol(em, ctx, input.newStudent!);
      if (ageOn(student.birthDate, today) >= NOTICE_AGE_LIMIT)
        throw new BadInputError('Notices concern students under 20');
      let flag: RiskFlagEntity | null = null;
      if (input.riskFlagId) {
        flag = await this.flags.findScoped(em, ctx, input.riskFlagId, Action.Update);
        if (flag.youngPersonId !== student.id)
          throw new BadInputError('The risk flag is about another student');
        assertTransition(flag.status, RiskFlagStatus.ESCALATED);
      }
      // About a possible duplicate, the notice reaches the existing person's youth team;
      // the school keeps seeing its own record and the municipality it named.
      const routed = await legalDutySubject(em, student.id);
      const repo = em.getRepository(SchoolNoticeEntity);
      const notice = await repo.save(
        repo.create({
          youngPersonId: routed?.id ?? student.id,
          schoolOrganisationId: ctx.actor.organisationId,
          schoolMunicipalityCode: ctx.actor.municipalityCode,
          homeMunicipalityCode: routed?.homeMunicipalityCode ?? student.homeMunicipalityCode,
          reportedYoungPersonId: routed ? student.id : null,
          reportedHomeMunicipalityCode: routed ? student.homeMunicipalityCode : null,
          kind: input.kind,
          lastAttendanceDate: input.lastAttendanceDate,
          reasonCategory: input.reasonCategory,
          leftWithPlan: input.leftWithPlan,
          note: input.note?.trim() || null,
          riskFlagId: flag?.id ?? null,
          sentBy: ctx.actor.userId,
          sentAt: this.clock.now(),
          status: NoticeStatus.SENT,
        }),
      );
      const entries = [noticeAccessEntry(AccessAction.CREATE, [notice])];
      if (routed) {
        const asSent = { ...notice, youngPersonId: student.id };
        entries.push(noticeAccessEntry(AccessAction.CREATE, [asSent]));
      }
      if (flag) {
        flag.status = RiskFlagStatus.ESCALATED;
        flag.statusChangedAt = this.clock.now();
        flag.escalatedNoticeId = notice.id;
        await em.getRepository(RiskFlagEntity).save(flag);
        entries.push(flagAccessEntry(ctx, AccessAction.UPDATE, [flag], ['status']));
      }
      await this.log.record(em, ctx, entries);
      await this.youthTeams.notify(em, notice.homeMunicipalityCode, {
        kind: NOTICE_RECEIVED,
        subjectType: SCHOOL_NOTICE_SUBJECT,
        subjectId: notice.id,
      });
      return SchoolNoticeModel.from(notice, ctx.actor.organisationId);
    });
  }
}
