import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { NetworkMeetingEntity, NetworkMeetingKind } from '../network-meeting.entity';

registerEnumType(NetworkMeetingKind, {
  name: 'NetworkMeetingKind',
  description: 'PROFESSIONAL: professionsmöte; NETWORK: nätverksträff',
});

@ObjectType('NetworkMeeting', {
  description: 'A professional or network meeting of the youth team: no personal data',
})
export class NetworkMeetingModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'YYYY-MM-DD, a Swedish date' })
  heldOn: string;

  @Field(() => NetworkMeetingKind)
  kind: NetworkMeetingKind;

  @Field(() => Int)
  participants: number;

  @Field(() => [String])
  organisations: string[];

  @Field()
  topic: string;

  @Field()
  municipalityCode: string;

  static from(e: NetworkMeetingEntity): NetworkMeetingModel {
    const { id, heldOn, kind, participants, organisations, topic, municipalityCode } = e;
    return Object.assign(new NetworkMeetingModel(), {
      id,
      heldOn,
      kind,
      participants,
      organisations,
      topic,
      municipalityCode,
    });
  }
}

@ObjectType()
export class NetworkMeetingConnection extends Connection(NetworkMeetingModel, 'NetworkMeeting') {}
