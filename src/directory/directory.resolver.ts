import { Args, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/decorators';
import { Action } from '../core/authorization/actions';
import { OrganisationDirectoryArgs } from './directory.args';
import { DirectoryConnection } from './directory-entry.model';
import { DirectoryService } from './directory.service';

@Resolver()
export class DirectoryResolver {
  constructor(private readonly service: DirectoryService) {}

  @Allow(Action.Read, 'OrganisationDirectory')
  @Query(() => DirectoryConnection, {
    description:
      'Every signed-in user: organisations of the whole deployment (name, kind, municipality, contact point), by name',
  })
  organisationDirectory(@Args() args: OrganisationDirectoryArgs) {
    return this.service.search(args);
  }
}
