import { OrganisationKind, Role } from '../identity/role.enum';

/** The sample region: Trelleborg with one organisation of every kind, and Malmö. */
export const DEMO_PASSWORD = 'Demo-portal-2026';

export const DEMO_MUNICIPALITIES = [
  { code: '1287', name: 'Trelleborg' },
  { code: '1280', name: 'Malmö' },
];

export interface DemoOrganisation {
  key: string;
  /** Fixed, so README examples can name an organisation literally. */
  id: string;
  municipalityCode: string;
  name: string;
  kind: OrganisationKind;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'tbg-youth',
    id: '00000000-0000-4000-8000-128700000001',
    municipalityCode: '1287',
    name: 'Arbetsmarknadsförvaltningen – Ungdomsteamet',
    kind: OrganisationKind.YOUTH_TEAM,
  },
  {
    key: 'tbg-school',
    id: '00000000-0000-4000-8000-128700000002',
    municipalityCode: '1287',
    name: 'Söderslättsgymnasiet',
    kind: OrganisationKind.SCHOOL,
  },
  {
    key: 'tbg-social',
    id: '00000000-0000-4000-8000-128700000003',
    municipalityCode: '1287',
    name: 'Socialförvaltningen Trelleborg',
    kind: OrganisationKind.SOCIAL_SERVICES,
  },
  {
    key: 'tbg-af',
    id: '00000000-0000-4000-8000-128700000004',
    municipalityCode: '1287',
    name: 'Arbetsförmedlingen Trelleborg',
    kind: OrganisationKind.LABOUR_OFFICE,
  },
  {
    key: 'tbg-tff',
    id: '00000000-0000-4000-8000-128700000005',
    municipalityCode: '1287',
    name: 'Trelleborgs FF',
    kind: OrganisationKind.ASSOCIATION,
  },
  {
    key: 'tbg-clinic',
    id: '00000000-0000-4000-8000-128700000006',
    municipalityCode: '1287',
    name: 'Ungdomsmottagningen Trelleborg',
    kind: OrganisationKind.YOUTH_CLINIC,
  },
  {
    key: 'tbg-admin',
    id: '00000000-0000-4000-8000-128700000007',
    municipalityCode: '1287',
    name: 'Trelleborgs kommun – Kommunledningskontoret',
    kind: OrganisationKind.OTHER,
  },
  {
    key: 'mmo-youth',
    id: '00000000-0000-4000-8000-128000000001',
    municipalityCode: '1280',
    name: 'Malmö stad – KAA-teamet',
    kind: OrganisationKind.YOUTH_TEAM,
  },
  {
    key: 'mmo-school',
    id: '00000000-0000-4000-8000-128000000002',
    municipalityCode: '1280',
    name: 'Malmö Borgarskola',
    kind: OrganisationKind.SCHOOL,
  },
  {
    key: 'mmo-admin',
    id: '00000000-0000-4000-8000-128000000003',
    municipalityCode: '1280',
    name: 'Malmö stad – Stadskontoret',
    kind: OrganisationKind.OTHER,
  },
  {
    // The office of the demo region (src/demo/region.demo.ts), seated in Trelleborg.
    key: 'region-office',
    id: '00000000-0000-4000-8000-128700000008',
    municipalityCode: '1287',
    name: 'Sydvästra Skånes kommunförbund – Kansliet',
    kind: OrganisationKind.OTHER,
  },
];

export interface DemoUser {
  email: string;
  displayName: string;
  organisation: string;
  roles: Role[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'coordinator@trelleborg.demo',
    displayName: 'Amira Haddad',
    organisation: 'tbg-youth',
    roles: [Role.YOUTH_COORDINATOR],
  },
  {
    // The second coordinator of the team: home visits go two by two.
    email: 'coordinator2@trelleborg.demo',
    displayName: 'Karin Holm',
    organisation: 'tbg-youth',
    roles: [Role.YOUTH_COORDINATOR],
  },
  {
    email: 'counsellor@trelleborg.demo',
    displayName: 'Lena Berg',
    organisation: 'tbg-school',
    roles: [Role.COUNSELLOR],
  },
  {
    email: 'social@trelleborg.demo',
    displayName: 'Johan Ek',
    organisation: 'tbg-social',
    roles: [Role.SOCIAL_WORKER],
  },
  {
    email: 'liaison@trelleborg.demo',
    displayName: 'Sara Lind',
    organisation: 'tbg-af',
    roles: [Role.EMPLOYMENT_OFFICER],
  },
  {
    email: 'association@trelleborg.demo',
    displayName: 'Mikael Holm',
    organisation: 'tbg-tff',
    roles: [Role.ASSOCIATION_LEADER],
  },
  {
    email: 'manager@trelleborg.demo',
    displayName: 'Karin Sjöberg',
    organisation: 'tbg-youth',
    roles: [Role.MANAGER],
  },
  {
    email: 'auditor@trelleborg.demo',
    displayName: 'Per Nyström',
    organisation: 'tbg-admin',
    roles: [Role.AUDITOR],
  },
  {
    email: 'orgadmin@trelleborg.demo',
    displayName: 'Eva Lund',
    organisation: 'tbg-youth',
    roles: [Role.ORG_ADMIN],
  },
  {
    email: 'admin@trelleborg.demo',
    displayName: 'Nils Åkesson',
    organisation: 'tbg-admin',
    roles: [Role.MUNICIPALITY_ADMIN],
  },
  {
    email: 'coordinator@malmo.demo',
    displayName: 'Yusuf Demir',
    organisation: 'mmo-youth',
    roles: [Role.YOUTH_COORDINATOR],
  },
  {
    email: 'counsellor@malmo.demo',
    displayName: 'Hanna Ström',
    organisation: 'mmo-school',
    roles: [Role.COUNSELLOR],
  },
  {
    email: 'admin@malmo.demo',
    displayName: 'Olof Persson',
    organisation: 'mmo-admin',
    roles: [Role.MUNICIPALITY_ADMIN],
  },
  {
    // The region's manager: the region-wide report of Trelleborg and Malmö.
    email: 'manager@sydvastra-skane.demo',
    displayName: 'Ingrid Malmqvist',
    organisation: 'region-office',
    roles: [Role.MANAGER],
  },
];
