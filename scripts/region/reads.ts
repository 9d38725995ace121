/**
 * What `npm run bench:region` sends: each daily read as the role that does it, the same
 * shape on the portal and on PostGraphile (the generated schema's names), and the write
 * path. A read without a PostGraphile shape (the report, the SCB extract) runs on the
 * portal alone.
 */
import { Region, REGIONS, Size } from './world';

export type Role = 'coordinator' | 'socialWorker' | 'manager' | 'regionManager';

export interface Context {
  region: Region;
  size: Size;
  /** A counter per run, so per-person reads and writes go round the register's people. */
  next(): number;
}

export interface Shape {
  query: string;
  variables(c: Context): Record<string, unknown>;
  /** How many rows the answer holds: the two targets must agree before anything is timed. */
  rows(data: Record<string, unknown>): number;
}

export interface Read {
  name: string;
  role: Role;
  /** 32 for the daily reads and the write; 1 for the documents, which are timed one at a time. */
  connections: number;
  write?: boolean;
  portal: Shape;
  postgraphile?: Shape;
  /** The node:http + pg floor answers this read too. */
  floor?: boolean;
  /** Runs only when the world has regions (a portal with the region-wide report). */
  needsRegion?: boolean;
}

const person = (c: Context) =>
  c.region.registerPeople[c.size][c.next() % c.region.registerPeople[c.size].length];
const municipality = (c: Context) => c.region.users[c.size].coordinator.municipalityCode;
const edges = (key: string) => (d: Record<string, unknown>) =>
  (d[key] as { edges: unknown[] }).edges.length;
const nodes = (key: string) => (d: Record<string, unknown>) =>
  (d[key] as { nodes: unknown[] }).nodes.length;

/** Twelve whole months ending with the last one, e.g. 2025-12 … 2026-11 (the bench's own clock). */
function lastTwelveMonths(): { fromMonth: string; toMonth: string } {
  const now = new Date();
  const month = (d: Date) =>
    `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1));
  return { fromMonth: month(from), toMonth: month(to) };
}

export const READS: Read[] = [
  {
    name: 'young people, 50 by name',
    role: 'coordinator',
    connections: 32,
    floor: true,
    portal: {
      query: `query { youngPeople(first: 50) { edges { node { id personalNumber givenName familyName birthDate
        lastContactAt currentOccupation { category validFrom } } } } }`,
      variables: () => ({}),
      rows: edges('youngPeople'),
    },
    postgraphile: {
      query: `query($m: String!) { allYoungPeople(first: 50, condition: { homeMunicipalityCode: $m },
          orderBy: [FAMILY_NAME_ASC, GIVEN_NAME_ASC, PRIMARY_KEY_ASC]) {
        nodes { rowId personalNumber givenName familyName birthDate
          contactAttemptsByYoungPersonId(first: 3, orderBy: OCCURRED_AT_DESC) { nodes { occurredAt channel outcome } } } } }`,
      variables: (c) => ({ m: municipality(c) }),
      rows: nodes('allYoungPeople'),
    },
  },
  {
    name: 'work list, 50',
    role: 'coordinator',
    connections: 32,
    portal: {
      query: `query { workList(first: 50) { edges { node { kaaPeriodId youngPersonId givenName familyName age
        priority reasons lastContactAt lastContactChannel nextFollowUpDate responsibleName streetAddress phone } } } }`,
      variables: () => ({}),
      rows: edges('workList'),
    },
    postgraphile: {
      query: `query($m: String!) { allKaaPeriods(first: 50, condition: { municipalityCode: $m, exitDate: null },
          orderBy: [NEXT_FOLLOW_UP_DATE_ASC, PRIMARY_KEY_ASC]) {
        nodes { rowId entryDate nextFollowUpDate responsibleUserId
          youngPersonByYoungPersonId { rowId givenName familyName birthDate streetAddress phone
            contactAttemptsByYoungPersonId(first: 1, orderBy: OCCURRED_AT_DESC) { nodes { occurredAt channel } } } } } }`,
      variables: (c) => ({ m: municipality(c) }),
      rows: nodes('allKaaPeriods'),
    },
  },
  {
    name: 'joint cases, 50 with participants and notes',
    role: 'socialWorker',
    connections: 32,
    portal: {
      query: `query { cases(first: 50) { edges { node { id title status createdAt youngPersonId
        participants { organisationId role } latestNotes(limit: 3) { id category createdAt } } } } }`,
      variables: () => ({}),
      rows: edges('cases'),
    },
    postgraphile: {
      query: `query($o: UUID!) { allJointCases(first: 50, condition: { leadOrganisationId: $o },
          orderBy: [CREATED_AT_DESC, PRIMARY_KEY_ASC]) {
        nodes { rowId title status createdAt youngPersonId
          caseParticipantsByCaseId { nodes { organisationId role } }
          caseNotesByCaseId(first: 3, orderBy: CREATED_AT_DESC) { nodes { rowId category createdAt } } } } }`,
      variables: (c) => ({ o: c.region.users[c.size].socialWorker.organisationId }),
      rows: nodes('allJointCases'),
    },
  },
  {
    name: "one young person's page",
    role: 'coordinator',
    connections: 32,
    portal: {
      query: `query($id: ID!) {
        youngPerson(id: $id) { id givenName familyName personalNumber birthDate age homeMunicipalityCode
          protectedIdentity streetAddress postalCode city phone email inKaa known
          currentOccupation { id category validFrom }
          kaaPeriods { id entryDate entryReason exitDate exitReason open nextFollowUpDate }
          occupations { id category source validFrom }
          measures { id type provider status offeredOn } }
        contactAttempts(youngPersonId: $id, first: 20) { edges { node { id occurredAt channel outcome } } } }`,
      variables: (c) => ({ id: person(c) }),
      rows: (d) => ((d.youngPerson as { kaaPeriods: unknown[] }).kaaPeriods.length ? 1 : 0),
    },
    postgraphile: {
      query: `query($id: UUID!) {
        youngPersonByRowId(rowId: $id) { rowId givenName familyName personalNumber birthDate homeMunicipalityCode
          streetAddress postalCode city phone email
          kaaPeriodsByYoungPersonId { nodes { rowId entryDate entryReason exitDate exitReason nextFollowUpDate } }
          occupationsByYoungPersonId(orderBy: VALID_FROM_DESC) { nodes { rowId category source validFrom } }
          kaaMeasuresByYoungPersonId { nodes { rowId type provider status offeredOn } }
          contactAttemptsByYoungPersonId(first: 20, orderBy: OCCURRED_AT_DESC) { nodes { rowId occurredAt channel outcome } } } }`,
      variables: (c) => ({ id: person(c) }),
      rows: (d) =>
        (d.youngPersonByRowId as { kaaPeriodsByYoungPersonId: { nodes: unknown[] } })
          .kaaPeriodsByYoungPersonId.nodes.length
          ? 1
          : 0,
    },
  },
  {
    name: 'monthly report, 12 months',
    role: 'manager',
    connections: 1,
    portal: {
      query: `query($from: String!, $to: String!) { monthlyReport(fromMonth: $from, toMonth: $to) {
        months { month } rows { label } } }`,
      variables: () => {
        const { fromMonth, toMonth } = lastTwelveMonths();
        return { from: fromMonth, to: toMonth };
      },
      rows: (d) => (d.monthlyReport as { months: unknown[] }).months.length,
    },
  },
  {
    // Large: the 20 municipalities, 50 000 young people; small: Lund and Staffanstorp.
    name: 'region-wide report, 12 months',
    role: 'regionManager',
    connections: 1,
    needsRegion: true,
    portal: {
      query: `query($code: String!, $from: String!, $to: String!) {
        regionReport(regionCode: $code, fromMonth: $from, toMonth: $to) {
          region { months { month } rows { label } }
          municipalities { municipalityCode months { month } rows { label } } } }`,
      variables: (c) => {
        const { fromMonth, toMonth } = lastTwelveMonths();
        return { code: REGIONS[c.size].code, from: fromMonth, to: toMonth };
      },
      rows: (d) => (d.regionReport as { municipalities: unknown[] }).municipalities.length,
    },
  },
  {
    name: 'SCB extract, last half-year',
    role: 'coordinator',
    connections: 1,
    portal: {
      query: `query($year: Int!, $half: Int!) { scbExtract(year: $year, half: $half) { rowCount } }`,
      variables: () => {
        const now = new Date();
        return now.getUTCMonth() >= 6
          ? { year: now.getUTCFullYear(), half: 1 }
          : { year: now.getUTCFullYear() - 1, half: 2 };
      },
      rows: () => 1,
    },
  },
  {
    name: 'record a contact attempt',
    role: 'coordinator',
    connections: 32,
    write: true,
    portal: {
      query: `mutation($input: RecordContactAttemptInput!) { recordContactAttempt(input: $input) { id } }`,
      variables: (c) => ({
        input: {
          youngPersonId: person(c),
          channel: 'PHONE',
          outcome: 'NO_RESPONSE',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
        },
      }),
      rows: (d) => (d.recordContactAttempt ? 1 : 0),
    },
    postgraphile: {
      query: `mutation($input: CreateContactAttemptInput!) { createContactAttempt(input: $input) { contactAttempt { rowId } } }`,
      variables: (c) => ({
        input: {
          contactAttempt: {
            youngPersonId: person(c),
            municipalityCode: municipality(c),
            channel: 'PHONE',
            direction: 'OUTBOUND',
            outcome: 'NO_RESPONSE',
            occurredAt: new Date(Date.now() - 60_000).toISOString(),
            performedBy: c.region.users[c.size].coordinator.userId,
          },
        },
      }),
      rows: (d) => (d.createContactAttempt ? 1 : 0),
    },
  },
];
