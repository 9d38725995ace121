import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkMeetingEntity } from './network-meeting.entity';
import { NetworkMeetingsAbilities } from './network-meetings.abilities';
import { NetworkMeetingsResolver } from './network-meetings.resolver';
import { NetworkMeetingsService } from './network-meetings.service';

@Module({
  imports: [TypeOrmModule.forFeature([NetworkMeetingEntity])],
  providers: [NetworkMeetingsAbilities, NetworkMeetingsService, NetworkMeetingsResolver],
})
export class NetworkMeetingsModule {}
