import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageArgs } from '../../core/graphql/connection';
import { Trimmed } from '../../core/graphql/trimmed';
import { NetworkMeetingKind } from '../network-meeting.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_ORGANISATIONS = 50;

@InputType()
export class RecordNetworkMeetingInput {
  @Field({ description: 'The Swedish date the meeting was held (YYYY-MM-DD), not in the future' })
  @IsString()
  @Matches(DATE, { message: 'heldOn must be a date YYYY-MM-DD' })
  heldOn: string;

  @Field(() => NetworkMeetingKind)
  @IsEnum(NetworkMeetingKind)
  kind: NetworkMeetingKind;

  @Field(() => Int, { description: 'People who took part, 1–10000, the own team included' })
  @IsInt()
  @Min(1)
  @Max(10000)
  participants: number;

  @Field(() => [String], {
    description: `The participating organisations or municipalities by name (1–${MAX_ORGANISATIONS}, each 1–200 characters, no duplicates), e.g. "Vellinge kommun", "Arbetsförmedlingen"`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORGANISATIONS)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value,
  )
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'an organisation name must not be blank' })
  @MaxLength(200, { each: true })
  organisations: string[];

  @Field({ description: 'A short topic without personal data, e.g. "Erfarenhetsutbyte KAA"' })
  @Trimmed(200, { column: 'network_meeting.topic' })
  topic: string;
}

@ArgsType()
export class NetworkMeetingsArgs extends PageArgs {
  @Field({ nullable: true, description: 'First day (YYYY-MM-DD), inclusive' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @Field({ nullable: true, description: 'Last day (YYYY-MM-DD), inclusive' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @Field(() => NetworkMeetingKind, { nullable: true })
  @IsOptional()
  @IsEnum(NetworkMeetingKind)
  kind?: NetworkMeetingKind;
}
