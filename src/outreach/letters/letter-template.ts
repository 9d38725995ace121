import { BadInputError } from '../../core/errors/domain-error';

/** The placeholders a template may use, and what each is filled with. */
export const PLACEHOLDERS = ['förnamn', 'efternamn', 'datum', 'handläggare', 'telefon'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PATTERN = /\{([^{}]*)\}/g;

/** Refuses a template naming a placeholder we cannot fill (a typo would print as is). */
export function checkPlaceholders(field: string, text: string): void {
  for (const m of text.matchAll(PATTERN)) {
    if (!PLACEHOLDERS.includes(m[1].trim().toLowerCase() as Placeholder)) {
      throw new BadInputError(
        `${field}: unknown placeholder {${m[1]}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
        {
          field,
        },
      );
    }
  }
}

export function fill(text: string, values: Record<Placeholder, string>): string {
  return text.replace(
    PATTERN,
    (_, name: string) => values[name.trim().toLowerCase() as Placeholder] ?? '',
  );
}
