import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RegisterSourceKind } from '../../imports/register-sources/register-source-kind';
import { ReconciliationReasonCode } from './reconciliation-reasons';

registerEnumType(ReconciliationReasonCode, {
  name: 'ReconciliationReasonCode',
  description: 'One fact that puts a person on a reconciliation list',
});

@ObjectType('RegisterSourceRef', { description: 'The source a fact came from, and its date' })
export class RegisterSourceRefModel {
  @Field(() => ID)
  id: string;

  @Field(() => RegisterSourceKind)
  kind: RegisterSourceKind;

  @Field()
  name: string;

  @Field({ description: 'YYYY-MM-DD' })
  sourceDate: string;
}

@ObjectType('ReconciliationReason')
export class ReconciliationReasonModel {
  @Field(() => ReconciliationReasonCode)
  code: ReconciliationReasonCode;

  @Field(() => String, {
    nullable: true,
    description:
      'MOVED_AWAY: the new municipality code; MOVED_IN: the date; programme reasons: "programme code, school"',
  })
  detail: string | null;

  @Field(() => RegisterSourceRefModel, {
    nullable: true,
    description: 'Where the fact came from; null when it was entered by hand',
  })
  source: RegisterSourceRefModel | null;
}
