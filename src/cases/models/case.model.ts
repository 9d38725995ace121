import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../core/graphql/connection';
import { InformationCategory } from '../../consent/consent-category';
import { JointCaseEntity } from '../case.entities';
import { CaseClosureOutcome, CaseConsentStatus, CaseStatus, NoteVisibility } from '../case.enums';

@ObjectType('CaseLeadProposal', {
  description: 'A change of lead waiting for the proposed user to accept it',
})
export class CaseLeadProposalModel {
  @Field(() => ID)
  organisationId: string;

  @Field(() => ID)
  userId: string;

  @Field()
  proposedAt: Date;
}

@ObjectType('JointCase', { description: 'Samverkansärende about one young person' })
export class CaseModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  youngPersonId: string;

  @Field()
  municipalityCode: string;

  @Field()
  title: string;

  @Field(() => CaseStatus)
  status: CaseStatus;

  @Field(() => ID)
  leadOrganisationId: string;

  @Field(() => ID)
  leadUserId: string;

  @Field(() => CaseLeadProposalModel, { nullable: true })
  leadProposal: CaseLeadProposalModel | null;

  @Field(() => CaseClosureOutcome, { nullable: true })
  closureOutcome: CaseClosureOutcome | null;

  @Field(() => String, { nullable: true })
  closureNote: string | null;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field()
  createdAt: Date;

  static from(e: JointCaseEntity): CaseModel {
    return Object.assign(new CaseModel(), {
      id: e.id,
      youngPersonId: e.youngPersonId,
      municipalityCode: e.municipalityCode,
      title: e.title,
      status: e.status,
      leadOrganisationId: e.leadOrganisationId,
      leadUserId: e.leadUserId,
      leadProposal:
        e.proposedLeadOrganisationId && e.proposedLeadUserId && e.leadProposedAt
          ? Object.assign(new CaseLeadProposalModel(), {
              organisationId: e.proposedLeadOrganisationId,
              userId: e.proposedLeadUserId,
              proposedAt: e.leadProposedAt,
            })
          : null,
      closureOutcome: e.closureOutcome,
      closureNote: e.closureNote,
      closedAt: e.closedAt,
      createdAt: e.createdAt,
    });
  }
}

@ObjectType()
export class JointCaseConnection extends Connection(CaseModel, 'JointCase') {}

@ObjectType('CaseParticipant')
export class CaseParticipantModel {
  @Field(() => ID)
  organisationId: string;

  @Field({ description: 'LEAD or PARTICIPANT' })
  role: string;

  @Field()
  addedAt: Date;
}

@ObjectType('CaseNote', {
  description:
    'One version of a note. Without consent for its category (and not the author organisation) only a placeholder: category, author organisation and date',
})
export class CaseNoteModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: 'The first version; all corrections share it' })
  rootNoteId: string;

  @Field()
  version: number;

  @Field(() => ID, { nullable: true })
  previousVersionId: string | null;

  @Field({ description: 'A newer version of this note exists' })
  superseded: boolean;

  @Field(() => InformationCategory)
  category: InformationCategory;

  @Field(() => NoteVisibility)
  visibility: NoteVisibility;

  @Field(() => ID)
  authorOrganisationId: string;

  @Field()
  createdAt: Date;

  @Field({ description: 'true: the caller sees only the placeholder, never the text' })
  restricted: boolean;

  @Field(() => String, { nullable: true, description: 'null when restricted' })
  body: string | null;

  /** Not exposed: lets field resolvers log and group. */
  youngPersonId: string;
  municipalityCode: string;
}

@ObjectType()
export class CaseNoteConnection extends Connection(CaseNoteModel, 'CaseNote') {}

@ObjectType('CaseConsentAlert', {
  description:
    'An open case whose consent is missing, ends soon, or was given only by guardians of someone now 18',
})
export class CaseConsentAlertModel {
  @Field(() => CaseModel)
  case: CaseModel;

  @Field(() => CaseConsentStatus)
  status: CaseConsentStatus;

  @Field(() => Date, { nullable: true, description: 'When the last consent in force ends' })
  consentEndsAt: Date | null;

  @Field({ description: 'A guardian-only consent no longer suffices (the young person is 18)' })
  guardianConsentOutdated: boolean;
}
