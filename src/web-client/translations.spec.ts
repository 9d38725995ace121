import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../core/errors/error-code';
import { en } from '../../web/src/i18n/en';
import { CLIENT_ERROR_CODES, NOTIFICATION_KINDS, SHOWN_ENUMS } from '../../web/src/i18n/shown';
import { sv } from '../../web/src/i18n/sv';

/**
 * The web client's catalogues: Swedish and English have the same keys, every key the
 * client's code names exists, and every value the API can send for what the client
 * shows (enum values, error codes, notification kinds) has a label in both.
 */
const root = join(__dirname, '..', '..');
const CATALOGUES = { sv: sv as Record<string, string>, en: en as Record<string, string> };

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'gql' ? [] : filesUnder(full, ext);
    return ext.test(name) ? [full] : [];
  });
}

function schemaEnum(name: string): string[] {
  const schema = readFileSync(join(root, 'schema.graphql'), 'utf8');
  const body = new RegExp(`^enum ${name} \\{([^}]*)\\}`, 'm').exec(schema)?.[1];
  if (!body) throw new Error(`enum ${name} is not in schema.graphql`);
  return body
    .replace(/"""[\s\S]*?"""/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Z][A-Z0-9_]*$/.test(l));
}

const missingIn = (keys: string[]) =>
  Object.fromEntries(
    Object.entries(CATALOGUES).map(([lang, cat]) => [lang, keys.filter((k) => !cat[k]?.trim())]),
  );
const nothingMissing = { sv: [], en: [] };

describe('web client translations', () => {
  it('Swedish and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('every enum value the client shows has a label in both languages', () => {
    const keys = SHOWN_ENUMS.flatMap((e) => schemaEnum(e).map((v) => `enum.${e}.${v}`));
    expect(keys.length).toBeGreaterThan(100);
    expect(missingIn(keys)).toEqual(nothingMissing);
  });

  it('every error code of the API, and of the client, has a message in both languages', () => {
    const keys = [...Object.values(ErrorCode), ...CLIENT_ERROR_CODES].map((c) => `error.${c}`);
    expect(missingIn(keys)).toEqual(nothingMissing);
  });

  it('every notification kind the API writes is known to the client and labelled', () => {
    const written = new Set<string>();
    const sources = filesUnder(join(root, 'src'), /(?<!\.spec)\.ts$/).map((f) =>
      readFileSync(f, 'utf8'),
    );
    // Kinds named by a constant: export const NOTICE_RECEIVED = 'NOTICE_RECEIVED'.
    const constants = new Map<string, string>();
    for (const text of sources)
      for (const [, name, value] of text.matchAll(/\bconst ([A-Z][A-Z_]+) = '([A-Z][A-Z_]+)';/g))
        constants.set(name, value);
    for (const text of sources) {
      if (!text.includes('NotificationWriter') && !text.includes('.notify(')) continue;
      // `kind: 'X'`, `kind: cond ? 'X' : 'Y'` or `kind: SOME_CONSTANT`, up to the next property.
      for (const [, value] of text.matchAll(/\bkind:\s*([^,\n]*?)(?:,\s*\w+:|,?\s*$|\s*\})/gm)) {
        for (const [, kind] of value.matchAll(/'([A-Z][A-Z_]{3,})'/g)) written.add(kind);
        for (const [, name] of value.matchAll(/\b([A-Z][A-Z_]{3,})\b/g))
          if (constants.has(name)) written.add(constants.get(name)!);
      }
    }
    // A school notice notifies under its own kind (notice-inbox.service.ts).
    for (const k of schemaEnum('SchoolNoticeKind')) written.add(k);
    expect(written.size).toBeGreaterThan(5);
    expect(
      [...written].filter((k) => !(NOTIFICATION_KINDS as readonly string[]).includes(k)),
    ).toEqual([]);
    expect(missingIn(NOTIFICATION_KINDS.map((k) => `notification.${k}`))).toEqual(nothingMissing);
  });

  it("every key the client's code names exists", () => {
    const named = new Set<string>();
    for (const file of filesUnder(join(root, 'web', 'src'), /\.tsx?$/)) {
      const text = readFileSync(file, 'utf8');
      for (const [, key] of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) named.add(key);
      for (const [, key] of text.matchAll(/label: '([\w.]+)'/g)) named.add(key);
    }
    expect(named.size).toBeGreaterThan(100);
    expect(missingIn([...named])).toEqual(nothingMissing);
  });
});
