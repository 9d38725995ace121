import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesAbilities } from './activities.abilities';
import { ActivitiesResolver, SummerJobsResolver } from './activities.resolver';
import { ActivitiesService } from './activities.service';
import {
  ActivityAttendanceEntity,
  ActivityEntity,
  MembershipReportEntity,
} from './activity.entity';
import { SummerJobOfferEntity } from './summer-job.entity';
import { SummerJobsService } from './summer-jobs.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ActivityEntity,
      ActivityAttendanceEntity,
      MembershipReportEntity,
      SummerJobOfferEntity,
    ]),
  ],
  providers: [
    ActivitiesAbilities,
    ActivitiesService,
    SummerJobsService,
    ActivitiesResolver,
    SummerJobsResolver,
  ],
})
export class ActivitiesModule {}
