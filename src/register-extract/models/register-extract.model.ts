import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('RegisterExtract', {
  description:
    'GDPR art. 15 register extract for one young person. `document` is a JSON string: ' +
    '{ kind, generatedAt, youngPersonId, person, guardians, schooling, kaaPeriods, occupations, ' +
    'measures, plans, planVersions, planResponsibilities, closures, contactAttempts, homeVisits, workListEntries, ' +
    'riskFlags, preventiveMeetings, notices, consents, cases, caseParticipants, caseNotes, caseMeetings, ' +
    'caseGoals, caseTasks, referrals, referralSections, referralTransitions, concernReports, ' +
    'emergencyAccesses, notifications, accessLog, hiddenFields }; each list holds whole rows ' +
    'with camelCase keys and their ids.',
})
export class RegisterExtractModel {
  @Field(() => ID)
  youngPersonId: string;

  @Field()
  generatedAt: Date;

  @Field(() => [String], {
    description: 'Protected-identity fields left out: they are never exported (DESIGN.md §2)',
  })
  hiddenFields: string[];

  @Field({ description: 'The extract as a JSON document (a string; parse it)' })
  document: string;
}
