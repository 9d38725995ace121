import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Connection, PageArgs } from '../../core/graphql/connection';
import { NotificationEntity } from '../notification.entity';

@ObjectType('Notification', {
  description: 'Something happened that concerns you: open the subject to see it, if entitled',
})
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. NOTICE_RECEIVED, NOTICE_ACKNOWLEDGED, FLAG_SHARED' })
  kind: string;

  @Field(() => String, { nullable: true, description: 'e.g. SCHOOL_NOTICE, RISK_FLAG' })
  subjectType: string | null;

  @Field(() => ID, { nullable: true })
  subjectId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;

  static from(e: NotificationEntity): NotificationModel {
    return Object.assign(new NotificationModel(), {
      id: e.id,
      kind: e.kind,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      createdAt: e.createdAt,
      readAt: e.readAt,
    });
  }
}

@ObjectType()
export class NotificationConnection extends Connection(NotificationModel, 'Notification') {
  @Field(() => Int, { description: 'All unread notifications of the caller' })
  unreadCount: number;
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids: string[];
}

@ObjectType('MarkNotificationsReadResult')
export class MarkNotificationsReadResult {
  @Field(() => Int, { description: 'Notifications of the caller newly marked read' })
  marked: number;

  @Field(() => Int)
  unreadCount: number;
}
