import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

@ArgsType()
export class StaffWorkPreviewArgs {
  @Field(() => ID, { description: 'The user going on leave or leaving' })
  @IsUUID()
  fromUserId: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The colleague to receive the work: checked as reassignStaffWork checks it (BAD_USER_INPUT, NOT_FOUND)',
  })
  @IsOptional()
  @IsUUID()
  toUserId?: string;
}
