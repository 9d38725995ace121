import { AbilityBuilder, createMongoAbility, MongoQuery } from '@casl/ability';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { UserEntity } from '../../identity/user.entity';
import { Action, AppAbility } from './actions';
import { applyAbilityScope } from './sql-scope';

describe('applyAbilityScope', () => {
  let ds: DataSource;

  beforeAll(async () => {
    // Metadata only: the query builder needs entity metadata, not a connection.
    ds = new DataSource({ type: 'postgres', entities: [UserEntity] });
    await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  });

  const abilityWith = (define: (b: AbilityBuilder<AppAbility>) => void): AppAbility => {
    const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
    define(builder);
    return builder.build();
  };

  const scoped = (ability: AppAbility, action = Action.Read) => {
    const qb: SelectQueryBuilder<UserEntity> = ds.getRepository(UserEntity).createQueryBuilder('u');
    const allowed = applyAbilityScope(qb, ability, action, 'User');
    const [sql, params] = qb.getQueryAndParameters();
    return { allowed, where: sql.split(' WHERE ')[1] ?? null, params };
  };

  it('returns false and adds no condition when nothing is allowed', () => {
    const result = scoped(abilityWith(() => undefined));
    expect(result).toEqual({ allowed: false, where: null, params: [] });
  });

  it('returns false when only another action is allowed', () => {
    const ability = abilityWith(({ can }) =>
      can(Action.Update, 'User', { municipalityCode: '1287' }),
    );
    expect(scoped(ability, Action.Read).allowed).toBe(false);
  });

  it('returns false when only another subject is allowed', () => {
    const ability = abilityWith(({ can }) => can(Action.Read, 'Organisation'));
    expect(scoped(ability).allowed).toBe(false);
  });

  it('maps an equality on an entity property to its column', () => {
    const ability = abilityWith(({ can }) => can(Action.Read, 'User', { organisationId: 'org-1' }));
    expect(scoped(ability)).toEqual({
      allowed: true,
      where: '"u"."organisation_id" = $1',
      params: ['org-1'],
    });
  });

  it('joins several rules with OR', () => {
    const ability = abilityWith(({ can }) => {
      can(Action.Read, 'User', { organisationId: 'org-1' });
      can(Action.Read, 'User', { municipalityCode: '1287' });
    });
    const { where, params } = scoped(ability);
    expect(where).toMatch(/^\(.+ OR .+\)$/);
    expect(where).toContain('"u"."organisation_id" = $');
    expect(where).toContain('"u"."municipality_code" = $');
    expect(params.sort()).toEqual(['1287', 'org-1']);
  });

  it('joins the conditions of one rule with AND', () => {
    const ability = abilityWith(({ can }) =>
      can(Action.Read, 'User', { organisationId: 'org-1', active: true }),
    );
    const { where, params } = scoped(ability);
    expect(where).toMatch(/"u"\."organisation_id" = \$\d AND "u"\."active" = \$\d/);
    expect(params).toEqual(expect.arrayContaining(['org-1', true]));
  });

  it('applies a "cannot" rule as AND NOT', () => {
    const ability = abilityWith(({ can, cannot }) => {
      can(Action.Read, 'User', { municipalityCode: '1287' });
      cannot(Action.Read, 'User', { active: false });
    });
    const { where } = scoped(ability);
    expect(where).toContain('"u"."municipality_code" = $');
    expect(where).toMatch(/NOT \("u"\."active" = \$\d\)/);
  });

  it('turns an unconditional rule into TRUE', () => {
    const ability = abilityWith(({ can }) => can(Action.Read, 'User'));
    expect(scoped(ability)).toMatchObject({ allowed: true, where: 'TRUE' });
  });

  it.each([
    [{ organisationId: { $in: ['a', 'b'] } }, '"u"."organisation_id" = ANY($1)', [['a', 'b']]],
    [{ organisationId: { $nin: ['a'] } }, 'NOT ("u"."organisation_id" = ANY($1))', [['a']]],
    [{ organisationId: { $ne: 'a' } }, '"u"."organisation_id" IS DISTINCT FROM $1', ['a']],
    [{ lockedUntil: null }, '"u"."locked_until" IS NULL', []],
    [{ lockedUntil: { $ne: null } }, '"u"."locked_until" IS NOT NULL', []],
    [{ failedLoginCount: { $lt: 3 } }, '"u"."failed_login_count" < $1', [3]],
    [{ failedLoginCount: { $lte: 3 } }, '"u"."failed_login_count" <= $1', [3]],
    [{ failedLoginCount: { $gt: 3 } }, '"u"."failed_login_count" > $1', [3]],
    [{ failedLoginCount: { $gte: 3 } }, '"u"."failed_login_count" >= $1', [3]],
  ] as [MongoQuery, string, unknown[]][])('translates %j', (conditions, where, params) => {
    const ability = abilityWith(({ can }) => can(Action.Read, 'User', conditions));
    expect(scoped(ability)).toEqual({ allowed: true, where, params });
  });

  it('refuses a condition on a property the entity does not have', () => {
    const ability = abilityWith(({ can }) => can(Action.Read, 'User', { noSuchField: 1 }));
    expect(() => scoped(ability)).toThrow(/unknown field User\.noSuchField/);
  });

  it('keeps the parameters apart when one query is scoped twice', () => {
    const ability = abilityWith(({ can }) => {
      can(Action.Read, 'User', { organisationId: 'org-read' });
      can(Action.Update, 'User', { organisationId: 'org-update' });
    });
    const qb = ds.getRepository(UserEntity).createQueryBuilder('u');
    applyAbilityScope(qb, ability, Action.Read, 'User');
    applyAbilityScope(qb, ability, Action.Update, 'User');
    expect(qb.getQueryAndParameters()[1]).toEqual(['org-read', 'org-update']);
  });
});
