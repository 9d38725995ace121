import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class ReassignStaffWorkInput {
  @Field(() => ID, { description: 'The user going on leave or leaving' })
  @IsUUID()
  fromUserId: string;

  @Field(() => ID, { description: 'An active case-working colleague in the same organisation' })
  @IsUUID()
  toUserId: string;
}
