import { Transform } from 'class-transformer';
import { IsOptional, IsString, ValidateBy } from 'class-validator';

/** What a text column's CHECK allows, after the API trims the value: characters, as PostgreSQL's length() counts them. */
export interface TextLimit {
  /** 1 (the default): not blank; 0: may be blank (the service stores NULL). */
  min: number;
  max: number;
}

/** Every @Trimmed field with the column it is stored in, for the test that holds them to the database's CHECKs. */
export const TRIMMED_FIELDS: {
  target: object;
  property: string;
  column: string | undefined;
  limit: TextLimit;
}[] = [];

/** Whether a trimmed value fits: code points, so an emoji counts once, as in PostgreSQL. */
export function fitsText(value: string, limit: TextLimit): boolean {
  const length = [...value].length;
  return length >= limit.min && length <= limit.max;
}

/**
 * A text input validated as the database will store it: trimmed at the edge, then `min`
 * (default 1: not blank) to `max` characters; `optional` lets it be left out or null. The one place where string inputs
 * meet their column's CHECK (`length(x) BETWEEN 1 AND max`); `column` names it
 * (`table.column`) and test/security/text-checks.e2e-spec.ts compares the two.
 */
export function Trimmed(
  max: number,
  options: { min?: number; optional?: boolean; column?: string; message?: string } = {},
): PropertyDecorator {
  const limit: TextLimit = { min: options.min ?? 1, max };
  return (target, property) => {
    const name = String(property);
    TRIMMED_FIELDS.push({ target, property: name, column: options.column, limit });
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim() : value,
    )(target, property);
    if (options.optional) IsOptional()(target, property);
    IsString()(target, property);
    ValidateBy({
      name: 'trimmedLength',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && fitsText(v, limit),
        defaultMessage: () =>
          options.message ??
          (limit.min
            ? `${name} must be ${limit.min} to ${max} characters and not blank`
            : `${name} must be at most ${max} characters`),
      },
    })(target, property);
  };
}
