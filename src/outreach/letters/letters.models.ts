import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { OutreachRoundModel } from '../models/contact-attempt.model';
import { Trimmed } from '../../core/graphql/trimmed';

export const MAX_LETTERS = 2000;

@InputType()
export class CreateLetterTemplateInput {
  @Field({ description: 'e.g. "Brev 1 – vi vill träffa dig"; unique in the municipality' })
  @Trimmed(100, { column: 'letter_template.name' })
  name: string;

  @Field({ description: 'The heading of the letter' })
  @Trimmed(200, { column: 'letter_template.subject' })
  subject: string;

  @Field({
    description:
      'The letter text (Swedish); placeholders {förnamn}, {efternamn}, {datum}, {handläggare}, {telefon}',
  })
  @Trimmed(5000, { column: 'letter_template.body' })
  body: string;
}

@ObjectType('LetterTemplate')
export class LetterTemplateModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  subject: string;

  @Field()
  body: string;

  @Field()
  createdAt: Date;
}

@InputType()
export class SendLetterRoundInput {
  @Field(() => ID)
  @IsUUID()
  templateId: string;

  @Field(() => [ID], { description: `The recipients, 1–${MAX_LETTERS}, of the own register` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LETTERS)
  @IsUUID('all', { each: true })
  youngPersonIds: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Filled into {telefon}: the number to call back',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  callbackPhone?: string;
}

export enum NoLetterReason {
  /** Skyddade personuppgifter: the letter goes through Skatteverket's forwarding instead. */
  PROTECTED_IDENTITY = 'PROTECTED_IDENTITY',
  NO_ADDRESS = 'NO_ADDRESS',
}
registerEnumType(NoLetterReason, { name: 'NoLetterReason' });

@ObjectType('LetterNotPrinted', { description: 'A recipient who got no letter in the PDF' })
export class LetterNotPrintedModel {
  @Field(() => ID)
  youngPersonId: string;

  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field(() => NoLetterReason, {
    description:
      'PROTECTED_IDENTITY: send through Skatteverket’s forwarding route (no address is printed); NO_ADDRESS: find a way to reach them',
  })
  reason: NoLetterReason;
}

@ObjectType('LetterRound', {
  description:
    'A printed letter round: the PDF (one page per letter) and the contacts recorded with it, in one transaction',
})
export class LetterRoundModel {
  @Field(() => OutreachRoundModel, { nullable: true, description: 'null when nobody got a letter' })
  round: OutreachRoundModel | null;

  @Field(() => Int)
  letterCount: number;

  @Field(() => String, { nullable: true })
  fileName: string | null;

  @Field(() => String, { nullable: true, description: 'The PDF, base64' })
  pdfBase64: string | null;

  @Field(() => [LetterNotPrintedModel])
  notPrinted: LetterNotPrintedModel[];
}
