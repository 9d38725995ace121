import { Field, ObjectType } from '@nestjs/graphql';
import { ContactAttemptModel } from '../../outreach/models/contact-attempt.model';
import { OccupationModel } from '../models/occupation.model';

@ObjectType('RecordedAnswer')
export class RecordedAnswerModel {
  @Field(() => ContactAttemptModel)
  contactAttempt: ContactAttemptModel;

  @Field(() => OccupationModel)
  occupation: OccupationModel;
}
