import { registerEnumType } from '@nestjs/graphql';

/** The information categories a consent (samtycke) can name (DESIGN.md §6). */
export enum InformationCategory {
  IDENTITY = 'IDENTITY',
  CONTACT = 'CONTACT',
  SCHOOL = 'SCHOOL',
  SOCIAL = 'SOCIAL',
  EMPLOYMENT = 'EMPLOYMENT',
  HEALTH = 'HEALTH',
  ACTIVITIES = 'ACTIVITIES',
}

export const ALL_CATEGORIES = Object.values(InformationCategory);

export enum ConsentGiver {
  YOUNG_PERSON = 'YOUNG_PERSON',
  ONE_GUARDIAN = 'ONE_GUARDIAN',
  BOTH_GUARDIANS = 'BOTH_GUARDIANS',
}

export enum ConsentMethod {
  WRITTEN = 'WRITTEN',
  ORAL = 'ORAL',
  DIGITAL = 'DIGITAL',
}

export enum ConsentWithdrawnBy {
  YOUNG_PERSON = 'YOUNG_PERSON',
  GUARDIAN = 'GUARDIAN',
}

registerEnumType(InformationCategory, { name: 'InformationCategory' });
registerEnumType(ConsentGiver, {
  name: 'ConsentGiver',
  description: 'Who gave the consent; a guardian and the young person may both be listed',
});
registerEnumType(ConsentMethod, { name: 'ConsentMethod' });
registerEnumType(ConsentWithdrawnBy, { name: 'ConsentWithdrawnBy' });
