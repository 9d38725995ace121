import { rulesToAST } from '@casl/ability/extra';
import { CompoundCondition, Condition, FieldCondition } from '@ucast/core';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Action, AppAbility, SubjectName } from './actions';

/**
 * Turns the ability's rules for (action, subject) into a SQL condition on the query's
 * main alias. Returns false when nothing is allowed, so the caller can skip the query.
 */
export function applyAbilityScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
): boolean {
  const ast = rulesToAST(ability, action, subject);
  if (ast === null) return false;
  const alias = qb.alias;
  const metadata = qb.expressionMap.mainAlias!.metadata;
  const params: Record<string, unknown> = {};
  let counter = 0;
  const column = (field: string): string => {
    const col = metadata.findColumnWithPropertyName(field);
    if (!col) throw new Error(`Ability condition on unknown field ${subject}.${field}`);
    return `"${alias}"."${col.databaseName}"`;
  };
  // Names must not collide with an earlier scope applied to the same query.
  const taken = qb.getParameters();
  const param = (value: unknown): string => {
    let name: string;
    do name = `casl_${alias}_${counter++}`;
    while (name in taken);
    params[name] = value;
    return name;
  };
  const toSql = (c: Condition): string => {
    if (c instanceof CompoundCondition) {
      const parts = c.value.map(toSql);
      if (c.operator === 'and') return parts.length ? `(${parts.join(' AND ')})` : 'TRUE';
      if (c.operator === 'or') return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
      if (c.operator === 'not') return `NOT (${parts.join(' AND ')})`;
      throw new Error(`Unsupported compound operator ${c.operator}`);
    }
    if (c instanceof FieldCondition) {
      const col = column(String(c.field));
      switch (c.operator) {
        case 'eq':
          return c.value === null ? `${col} IS NULL` : `${col} = :${param(c.value)}`;
        case 'ne':
          return c.value === null
            ? `${col} IS NOT NULL`
            : `${col} IS DISTINCT FROM :${param(c.value)}`;
        case 'in':
          return `${col} = ANY(:${param(c.value)})`;
        case 'nin':
          return `NOT (${col} = ANY(:${param(c.value)}))`;
        case 'lt':
          return `${col} < :${param(c.value)}`;
        case 'lte':
          return `${col} <= :${param(c.value)}`;
        case 'gt':
          return `${col} > :${param(c.value)}`;
        case 'gte':
          return `${col} >= :${param(c.value)}`;
        default:
          throw new Error(`Unsupported field operator ${c.operator}`);
      }
    }
    throw new Error(`Unsupported condition ${c.operator}`);
  };
  qb.andWhere(toSql(ast), params);
  return true;
}
