import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Actor, hasPermission, hasRole } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { OrganisationKind, Permission, Role } from '../identity/role.enum';
import {
  CONTACT_FIELDS,
  KAA_PERSON,
  KAA_REGISTER,
  YOUNG_PERSON,
  YOUNG_PERSON_LOOKUP,
} from './young-person-fields';

/**
 * The youth team of the home municipality works with its own register under its statutory
 * duty (kommunala aktivitetsansvaret, Skollagen 29 kap. 9 §). Nobody else gets rows here:
 * schools, consent and cases add their own YoungPerson rules in their contributors.
 */
export function isStatutoryRegisterKeeper(actor: Actor): boolean {
  return (
    hasRole(actor, Role.YOUTH_COORDINATOR) && actor.organisationKind === OrganisationKind.YOUTH_TEAM
  );
}

/** True when the actor reads this person under the KAA statutory duty (not consent). */
export function isStatutoryFor(actor: Actor, homeMunicipalityCode: string): boolean {
  return isStatutoryRegisterKeeper(actor) && actor.municipalityCode === homeMunicipalityCode;
}

@Injectable()
export class YoungPeopleAbilities implements AbilityContributor, OnModuleInit {
  constructor(private readonly factory: AbilityFactory) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  contribute({ can }: AbilityRulesBuilder, actor: Actor): void {
    // Anyone may ask; the row scope answers (empty list / NOT_FOUND without rows).
    can(Action.Read, YOUNG_PERSON_LOOKUP);
    if (!isStatutoryRegisterKeeper(actor)) return;
    const home = { homeMunicipalityCode: actor.municipalityCode };
    can([Action.Read, Action.Create, Action.Update], YOUNG_PERSON, home);
    can(Action.Read, KAA_PERSON, home);
    can([Action.Read, Action.Create, Action.Update], KAA_REGISTER, {
      municipalityCode: actor.municipalityCode,
    });
  }
}

/**
 * Skyddade personuppgifter: address and contact are hidden from everyone without the
 * explicit permission, whatever other rule granted them. CASL gives later rules priority,
 * so this contributor registers at bootstrap, after every module's onModuleInit, and its
 * `cannot` comes last in every ability.
 */
@Injectable()
export class ProtectedIdentityAbilities implements AbilityContributor, OnApplicationBootstrap {
  constructor(private readonly factory: AbilityFactory) {}

  onApplicationBootstrap(): void {
    this.factory.register(this);
  }

  contribute({ cannot }: AbilityRulesBuilder, actor: Actor): void {
    if (hasPermission(actor, Permission.PROTECTED_IDENTITY)) return;
    cannot(Action.Read, YOUNG_PERSON, CONTACT_FIELDS, { protectedIdentity: true });
  }
}
