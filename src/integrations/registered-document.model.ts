import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Trimmed } from '../core/graphql/trimmed';

@InputType()
export class RegisterDocumentInput {
  @Field({ description: 'Who sends it, e.g. "Skolverket elevregister"; 1–100 characters' })
  @Trimmed(100, { column: 'registered_document.integration' })
  integration: string;

  @Field({ description: 'One GraphQL operation, exactly as the integration will send it' })
  @IsString()
  @MaxLength(100_000)
  document: string;
}

@ObjectType('RegisteredDocument', {
  description: 'An operation an admin registered for an integration (trusted documents)',
})
export class RegisteredDocumentModel {
  @Field(() => ID)
  id: string;

  @Field()
  integration: string;

  @Field({ description: 'sha256 of the printed document, as the gate compares it' })
  hash: string;

  @Field()
  document: string;

  @Field()
  registeredAt: Date;
}
