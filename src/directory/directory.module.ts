import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { AbilityFactory, AbilityRulesBuilder } from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { DirectoryResolver } from './directory.resolver';
import { DirectoryService } from './directory.service';

/** Every signed-in user may read the directory: it holds no personal data. */
@Injectable()
export class DirectoryAbilities implements OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register({
      contribute: ({ can }: AbilityRulesBuilder) => can(Action.Read, 'OrganisationDirectory'),
    });
  }
}

@Module({ providers: [DirectoryAbilities, DirectoryService, DirectoryResolver] })
export class DirectoryModule {}
