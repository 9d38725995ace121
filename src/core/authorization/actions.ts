import { MongoAbility } from '@casl/ability';

export enum Action {
  Manage = 'manage',
  Read = 'read',
  Create = 'create',
  Update = 'update',
  Delete = 'delete',
  Export = 'export',
}

/**
 * Subject names. Conditions in rules use the TypeORM entity property names of the
 * subject, so the SQL scoping helper can map them to columns.
 */
export type SubjectName =
  | 'all'
  | 'Municipality'
  | 'Organisation'
  | 'User'
  | 'AccessLog'
  | (string & { readonly brand?: 'subject' });

export type AppAbility = MongoAbility<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [Action | `${Action}`, SubjectName | Record<PropertyKey, any>]
>;
