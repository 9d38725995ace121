import { Type } from '@nestjs/common';
import { ArgsType, Field, FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BadInputError } from '../errors/domain-error';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({ nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/**
 * All rows the caller may see: counting them is work in proportion to the caseload, so a
 * list may pass a function that GraphQL calls only when the client asks for the field.
 */
export type TotalCount = number | (() => Promise<number>);

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: TotalCount;
}

/** Resolves a TotalCount: a function is called only here, when the field was selected. */
const countWhenAsked: FieldMiddleware = async (_ctx, next) => {
  const value = (await next()) as TotalCount;
  return typeof value === 'function' ? value() : value;
};

/** A Relay-style connection type for a node class. */
export function Connection<T>(nodeType: Type<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements Page<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, {
      description: 'All rows matching the filter that the caller may see',
      middleware: [countWhenAsked],
    })
    totalCount: TotalCount;
  }
  return ConnectionType;
}

/** Keyset cursors: the sort value and id of the last row, opaque to clients. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through to the error below
  }
  throw new BadInputError('Invalid cursor');
}

export function pageSize(args: PageArgs): number {
  return Math.min(args.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

/** Builds a page from rows fetched with limit = size + 1. */
export function toPage<T>(
  rows: T[],
  size: number,
  totalCount: TotalCount,
  cursorOf: (row: T) => unknown[],
): Page<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(cursorOf(node)) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > size,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}
