import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { Allow, Ctx } from '../../core/auth/decorators';
import { PortalRequest, RequestContext } from '../../core/auth/request-context';
import { Action } from '../../core/authorization/actions';
import { OrganisationModel } from '../../identity/models/organisation.model';
import { schoolLoader } from '../school-loaders';
import { SCHOOL_NOTICE } from '../schools.abilities';
import { StudentModel } from '../students/student.model';
import { studentLoader } from '../students/student.loader';
import {
  SchoolNoticeIdArgs,
  SchoolNoticesArgs,
  SendSchoolNoticeInput,
} from './dto/school-notice.inputs';
import { SchoolNoticeConnection, SchoolNoticeModel } from './models/school-notice.model';
import { NoticeInboxService } from './notice-inbox.service';
import { SendNoticeService } from './send-notice.service';

@Resolver(() => SchoolNoticeModel)
export class NoticesResolver {
  constructor(
    private readonly sender: SendNoticeService,
    private readonly inbox: NoticeInboxService,
    private readonly ds: DataSource,
  ) {}

  @Allow(Action.Read, SCHOOL_NOTICE)
  @Query(() => SchoolNoticeConnection, {
    description:
      'COUNSELLOR: notices the own school sent. YOUTH_COORDINATOR: notices received by the own municipality',
  })
  schoolNotices(@Ctx() ctx: RequestContext, @Args() args: SchoolNoticesArgs) {
    return this.inbox.list(ctx, args);
  }

  @Allow(Action.Read, SCHOOL_NOTICE)
  @Query(() => SchoolNoticeModel)
  schoolNotice(@Ctx() ctx: RequestContext, @Args() { id }: SchoolNoticeIdArgs) {
    return this.inbox.get(ctx, id);
  }

  @Allow(Action.Create, SCHOOL_NOTICE)
  @Mutation(() => SchoolNoticeModel, {
    description:
      'COUNSELLOR: notify the home municipality that a student under 20 dropped out or is significantly absent (statutory, no consent needed)',
  })
  sendSchoolNotice(@Ctx() ctx: RequestContext, @Args('input') input: SendSchoolNoticeInput) {
    return this.sender.send(ctx, input);
  }

  @Allow(Action.Update, SCHOOL_NOTICE)
  @Mutation(() => SchoolNoticeModel, {
    description:
      'YOUTH_COORDINATOR: acknowledge a received notice; a drop-out enters the KAA register',
  })
  acknowledgeSchoolNotice(@Ctx() ctx: RequestContext, @Args() { id }: SchoolNoticeIdArgs) {
    return this.inbox.acknowledge(ctx, id);
  }

  // Null once the caller no longer sees the student (row-level security: e.g. the sending
  // school after the enrolment ended); the notice itself stays the school's own record.
  @ResolveField(() => StudentModel, { nullable: true })
  student(@Parent() notice: SchoolNoticeModel, @Context('req') req: PortalRequest) {
    return studentLoader(req, this.ds).load(notice.youngPersonId);
  }

  @ResolveField(() => OrganisationModel)
  school(@Parent() notice: SchoolNoticeModel, @Context('req') req: PortalRequest) {
    return schoolLoader(req, this.ds).load(notice.schoolOrganisationId);
  }
}
