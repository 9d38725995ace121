import { readHeader, validateRow } from './young-people-import.columns';

const header = readHeader([
  'Personnummer',
  'given_name',
  'family_name',
  'home_municipality',
  'protected_identity',
  'school',
  'programme_code',
  'programme_type',
  'start_date',
  'end_date',
  'status',
]);
const own = (code: string) => code === '1287';
const today = '2026-01-15';

describe('import row validation', () => {
  it('accepts a valid row and normalises it', () => {
    const row = validateRow(
      {
        line: 2,
        fields: [
          '081224-1230',
          'Alva',
          'Ek',
          '1287',
          'ja',
          'Skolan',
          'im',
          'introduction',
          '2024-08-19',
          '',
          'active',
        ],
      },
      header.index,
      own,
      today,
    );
    expect(row).toMatchObject({
      personalNumber: '200812241230',
      birthDate: '2008-12-24',
      protectedIdentity: true,
      schooling: {
        programmeCode: 'IM',
        programmeType: 'INTRODUCTION',
        status: 'ACTIVE',
        endDate: null,
      },
    });
  });

  it('accepts a samordningsnummer (day + 60)', () => {
    const row = validateRow(
      { line: 2, fields: ['0812842383', 'A', 'B', '1287', '', '', '', '', '', '', ''] },
      header.index,
      own,
      today,
    );
    expect(row).toMatchObject({ coordinationNumber: true, birthDate: '2008-12-24' });
  });

  it('names each problem by row and column', () => {
    const problems = validateRow(
      {
        line: 7,
        fields: [
          '081224-1239',
          '',
          'Ek',
          '0180',
          'kanske',
          'Skolan',
          'N A',
          'X',
          '2024-13-01',
          '',
          'DONE',
        ],
      },
      header.index,
      own,
      today,
    );
    expect(Array.isArray(problems) && problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [7, 'personnummer', 'PERSONAL_NUMBER_CHECK_DIGIT'],
      [7, 'given_name', 'REQUIRED'],
      [7, 'home_municipality', 'OTHER_MUNICIPALITY'],
      [7, 'protected_identity', 'INVALID_VALUE'],
      [7, 'programme_code', 'INVALID_FORMAT'],
      [7, 'programme_type', 'INVALID_VALUE'],
      [7, 'start_date', 'INVALID_DATE'],
      [7, 'status', 'INVALID_VALUE'],
    ]);
  });

  it('reports unknown, duplicate and missing header columns', () => {
    const h = readHeader(['personnummer', 'PERSONNUMMER', 'foo']);
    expect(h.problems.map((p) => [p.column, p.code])).toEqual([
      ['personnummer', 'DUPLICATE_COLUMN'],
      ['foo', 'UNKNOWN_COLUMN'],
      ['given_name', 'MISSING_COLUMN'],
      ['family_name', 'MISSING_COLUMN'],
      ['home_municipality', 'MISSING_COLUMN'],
    ]);
  });
});
