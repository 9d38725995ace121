import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../core/auth/request-context';
import { inTransaction } from '../core/database/transaction';
import { queryRows } from '../core/database/query-rows';
import { BadInputError, ConflictError, ForbiddenError } from '../core/errors/domain-error';
import { CASE_WORKING_ROLES } from '../identity/role.enum';
import { NotificationWriter } from '../notifications/notification.writer';
import { Clock } from '../core/clock/clock';
import { JointCaseEntity } from './case.entities';
import { CasesService } from './cases.service';
import { CaseModel } from './models/case.model';

const LEAD_FIELDS = ['leadOrganisationId', 'leadUserId', 'leadProposal'];

/**
 * A case changes lead the way it does between offices: the lead organisation proposes a
 * user of a participating organisation (or one of its own), and nothing changes until that
 * user accepts. Staff leave's bulk reassignment stays the way to move all of a user's work.
 */
@Injectable()
export class CaseLeadService {
  constructor(
    private readonly clock: Clock,
    private readonly ds: DataSource,
    private readonly cases: CasesService,
    private readonly notifications: NotificationWriter,
  ) {}

  async propose(
    ctx: RequestContext,
    caseId: string,
    organisationId: string,
    userId: string,
  ): Promise<CaseModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.cases.find(em, ctx, caseId, 'lead');
      if (organisationId === c.leadOrganisationId && userId === c.leadUserId)
        throw new BadInputError('The user already leads the case', { field: 'userId' });
      const participant = await queryRows(
        em,
        `SELECT 1 FROM case_participant WHERE case_id = $1 AND organisation_id = $2`,
        [c.id, organisationId],
      );
      if (!participant.length)
        throw new BadInputError('The new lead organisation must take part in the case', {
          field: 'organisationId',
        });
      const user = await queryRows(
        em,
        `SELECT 1 FROM app_user WHERE id = $1 AND organisation_id = $2 AND active AND roles && $3::text[]`,
        [userId, organisationId, CASE_WORKING_ROLES],
      );
      if (!user.length)
        throw new BadInputError('userId must be a case-working user of that organisation', {
          field: 'userId',
        });
      c.proposedLeadOrganisationId = organisationId;
      c.proposedLeadUserId = userId;
      c.leadProposedBy = ctx.actor.userId;
      c.leadProposedAt = this.clock.now();
      c.updatedAt = this.clock.now();
      await em.getRepository(JointCaseEntity).save(c);
      await this.notifications.notify(
        em,
        { organisationId, userId },
        { kind: 'CASE_LEAD_PROPOSED', subjectType: 'JOINT_CASE', subjectId: c.id },
      );
      await this.cases.logChange(em, ctx, c, ['leadProposal']);
      return CaseModel.from(c);
    });
  }

  /** The proposed user takes the lead: its organisation becomes the lead, the old lead a participant. */
  async accept(ctx: RequestContext, caseId: string): Promise<CaseModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.proposedTo(em, ctx, caseId);
      const { leadOrganisationId: oldOrg, leadUserId: oldUser } = c;
      const newOrg = ctx.actor.organisationId;
      if (newOrg !== oldOrg) {
        // One role at a time: the old lead steps down before the new one steps up.
        await em.query(
          `UPDATE case_participant SET role = 'PARTICIPANT' WHERE case_id = $1 AND organisation_id = $2`,
          [c.id, oldOrg],
        );
        await em.query(
          `UPDATE case_participant SET role = 'LEAD' WHERE case_id = $1 AND organisation_id = $2`,
          [c.id, newOrg],
        );
      }
      c.leadOrganisationId = newOrg;
      c.leadUserId = ctx.actor.userId;
      this.clear(c);
      await em.getRepository(JointCaseEntity).save(c);
      await this.notifications.notify(
        em,
        { organisationId: oldOrg, userId: oldUser },
        { kind: 'CASE_LEAD_ACCEPTED', subjectType: 'JOINT_CASE', subjectId: c.id },
      );
      await this.cases.logChange(em, ctx, c, LEAD_FIELDS);
      return CaseModel.from(c);
    });
  }

  /** The proposed user declines; the lead stays and is told. */
  async decline(ctx: RequestContext, caseId: string): Promise<CaseModel> {
    return inTransaction(this.ds, async (em) => {
      const c = await this.proposedTo(em, ctx, caseId);
      this.clear(c);
      await em.getRepository(JointCaseEntity).save(c);
      await this.notifications.notify(
        em,
        { organisationId: c.leadOrganisationId, userId: c.leadUserId },
        { kind: 'CASE_LEAD_DECLINED', subjectType: 'JOINT_CASE', subjectId: c.id },
      );
      await this.cases.logChange(em, ctx, c, ['leadProposal']);
      return CaseModel.from(c);
    });
  }

  /**
   * The case, locked, when the caller is the user its pending proposal names. A case the
   * caller cannot see is NOT_FOUND (find); one it sees but is not proposed for, FORBIDDEN.
   */
  private async proposedTo(em: EntityManager, ctx: RequestContext, caseId: string) {
    const c = await this.cases.find(em, ctx, caseId, 'write');
    if (!c.proposedLeadUserId) throw new ConflictError('No lead change is proposed');
    if (c.proposedLeadUserId !== ctx.actor.userId)
      throw new ForbiddenError('Only the proposed user can answer the lead change');
    return c;
  }

  private clear(c: JointCaseEntity): void {
    c.proposedLeadOrganisationId = null;
    c.proposedLeadUserId = null;
    c.leadProposedBy = null;
    c.leadProposedAt = null;
    c.updatedAt = this.clock.now();
  }
}
