import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../core/auth/actor';
import {
  AbilityContributor,
  AbilityFactory,
  AbilityRulesBuilder,
} from '../core/authorization/ability.factory';
import { Action } from '../core/authorization/actions';
import { AccessSnapshotService } from '../consent/access-snapshot.service';
import { NoteVisibility } from './case.enums';

/**
 * Joint cases (DESIGN.md §6a): the lead organisation sees its case; a participant sees it
 * while a consent in force names it for any category. A note's text is shown to its
 * author organisation and to participants consented for the note's category; the rest
 * of those who see the case get a placeholder. Emergency access adds read rules for
 * its duration. Conditions use JointCaseEntity / CaseNoteEntity property names.
 */
@Injectable()
export class CaseAbilities implements AbilityContributor, OnModuleInit {
  constructor(
    private readonly factory: AbilityFactory,
    private readonly snapshots: AccessSnapshotService,
  ) {}

  onModuleInit(): void {
    this.factory.register(this);
  }

  async contribute({ can }: AbilityRulesBuilder, actor: Actor, em: EntityManager): Promise<void> {
    const s = await this.snapshots.load(actor, em);
    if (!s.caseWorker) return;
    can(Action.Create, 'Case');
    const visible = s.visibleCaseIds;
    const readable = [...new Set([...visible, ...s.emergencyCaseIds])];
    // Rules are added even with empty id lists: a case worker without any case gets
    // NOT_FOUND for a case, exactly like one that does not exist, never FORBIDDEN.
    can(Action.Read, 'Case', { id: { $in: readable } });
    can(Action.Read, 'CaseNote', { caseId: { $in: readable } });
    can(Action.Update, 'Case', { id: { $in: visible } });
    can(Action.Read, 'CaseNoteContent', {
      caseId: { $in: visible },
      authorOrganisationId: actor.organisationId,
    });
    for (const [category, caseIds] of s.caseIdsByCategory)
      can(Action.Read, 'CaseNoteContent', {
        caseId: { $in: caseIds },
        category,
        visibility: NoteVisibility.CASE,
      });
    if (s.emergencyCaseIds.length)
      can(Action.Read, 'CaseNoteContent', { caseId: { $in: s.emergencyCaseIds } });
    // Managing participants and closing belong to the lead organisation.
    can(Action.Manage, 'CaseLead', { leadOrganisationId: actor.organisationId });
  }
}
