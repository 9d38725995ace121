import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { ActivityAttendanceEntity, ActivityEntity, ActivityKind } from '../activity.entity';

registerEnumType(ActivityKind, { name: 'ActivityKind' });

@ObjectType('ActivityAttendance', { description: 'Attendance as counts; never names' })
export class AttendanceModel {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  age15to17: number;

  @Field(() => Int)
  age18to20: number;

  @Field(() => Int)
  age21to25: number;

  @Field(() => Int)
  firstTimers: number;

  @Field()
  reportedAt: Date;

  static from(e: ActivityAttendanceEntity): AttendanceModel {
    const { total, age15to17, age18to20, age21to25, firstTimers, reportedAt } = e;
    return Object.assign(new AttendanceModel(), {
      total,
      age15to17,
      age18to20,
      age21to25,
      firstTimers,
      reportedAt,
    });
  }
}

@ObjectType('Activity')
export class ActivityModel {
  @Field(() => ID)
  id: string;

  @Field(() => ActivityKind)
  kind: ActivityKind;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  place: string | null;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Int)
  ageMin: number;

  @Field(() => Int)
  ageMax: number;

  @Field()
  cancelled: boolean;

  @Field()
  municipalityCode: string;

  @Field(() => ID, { nullable: true })
  hostOrganisationId: string | null;

  static from(e: ActivityEntity): ActivityModel {
    return Object.assign(new ActivityModel(), {
      id: e.id,
      kind: e.kind,
      title: e.title,
      place: e.place,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      ageMin: e.ageMin,
      ageMax: e.ageMax,
      cancelled: e.cancelledAt !== null,
      municipalityCode: e.municipalityCode,
      hostOrganisationId: e.hostOrganisationId,
    });
  }
}

@ObjectType()
export class ActivityConnection extends Connection(ActivityModel, 'Activity') {}
