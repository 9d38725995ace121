import { ProgrammeType as P, SchoolingStatus as S } from '../young-people/schooling.entity';
import { KaaEntryReason, KaaExitReason } from './kaa-period.entity';
import { MeasureStatus as M } from './kaa.enums';
import {
  belongsInRegister,
  canMoveMeasure,
  exitReasonFor,
  finishedCompulsorySchool,
  inOrThroughNationalProgramme,
  measureNeedsEndReason,
  suggestedEntryReason,
} from './register-rules';

const compulsoryDone = { programmeType: P.COMPULSORY, status: S.COMPLETED };

describe('KAA register rules', () => {
  it('needs finished compulsory school', () => {
    expect(finishedCompulsorySchool([])).toBe(false);
    expect(finishedCompulsorySchool([{ programmeType: P.COMPULSORY, status: S.ACTIVE }])).toBe(
      false,
    );
    expect(finishedCompulsorySchool([compulsoryDone])).toBe(true);
    // Any upper-secondary schooling implies compulsory school is behind.
    expect(finishedCompulsorySchool([{ programmeType: P.INTRODUCTION, status: S.ACTIVE }])).toBe(
      true,
    );
  });

  it('counts national programmes, active or completed, but never introduction programmes', () => {
    expect(inOrThroughNationalProgramme([{ programmeType: P.NATIONAL, status: S.ACTIVE }])).toBe(
      true,
    );
    expect(inOrThroughNationalProgramme([{ programmeType: P.NATIONAL, status: S.COMPLETED }])).toBe(
      true,
    );
    expect(
      inOrThroughNationalProgramme([{ programmeType: P.NATIONAL, status: S.INTERRUPTED }]),
    ).toBe(false);
    expect(
      inOrThroughNationalProgramme([{ programmeType: P.INTRODUCTION, status: S.ACTIVE }]),
    ).toBe(false);
  });

  it.each([
    [17, [compulsoryDone], true],
    [19, [compulsoryDone], true],
    [20, [compulsoryDone], false],
    [16, [], false],
    [17, [compulsoryDone, { programmeType: P.NATIONAL, status: S.ACTIVE }], false],
    [17, [compulsoryDone, { programmeType: P.NATIONAL, status: S.INTERRUPTED }], true],
    [17, [compulsoryDone, { programmeType: P.INTRODUCTION, status: S.ACTIVE }], true],
    [19, [{ programmeType: P.NATIONAL, status: S.COMPLETED }], false],
  ])('age %i with %j belongs: %s', (age, schooling, expected) => {
    expect(belongsInRegister(age, schooling)).toBe(expected);
  });

  it('suggests the entry reason', () => {
    expect(suggestedEntryReason([compulsoryDone])).toBe(KaaEntryReason.NEVER_STARTED);
    expect(
      suggestedEntryReason([compulsoryDone, { programmeType: P.NATIONAL, status: S.INTERRUPTED }]),
    ).toBe(KaaEntryReason.INTERRUPTED_STUDIES);
  });

  it('says why an open period should end', () => {
    const base = { age: 18, homeMunicipalityCode: '1287', periodMunicipalityCode: '1287' };
    expect(exitReasonFor({ ...base, schooling: [compulsoryDone] })).toBeNull();
    expect(exitReasonFor({ ...base, age: 20, schooling: [] })).toBe(KaaExitReason.TURNED_20);
    expect(exitReasonFor({ ...base, homeMunicipalityCode: '1280', schooling: [] })).toBe(
      KaaExitReason.MOVED_AWAY,
    );
    expect(
      exitReasonFor({ ...base, schooling: [{ programmeType: P.NATIONAL, status: S.ACTIVE }] }),
    ).toBe(KaaExitReason.STARTED_STUDIES);
    expect(
      exitReasonFor({ ...base, schooling: [{ programmeType: P.NATIONAL, status: S.COMPLETED }] }),
    ).toBe(KaaExitReason.COMPLETED_STUDIES);
    expect(
      exitReasonFor({ ...base, schooling: [{ programmeType: P.INTRODUCTION, status: S.ACTIVE }] }),
    ).toBeNull();
  });

  it('allows only forward measure transitions', () => {
    expect(canMoveMeasure(M.OFFERED, M.ONGOING)).toBe(true);
    expect(canMoveMeasure(M.OFFERED, M.DECLINED)).toBe(true);
    expect(canMoveMeasure(M.OFFERED, M.COMPLETED)).toBe(false);
    expect(canMoveMeasure(M.ONGOING, M.ABORTED)).toBe(true);
    expect(canMoveMeasure(M.COMPLETED, M.ONGOING)).toBe(false);
    expect(canMoveMeasure(M.DECLINED, M.ONGOING)).toBe(false);
    expect(measureNeedsEndReason(M.ONGOING)).toBe(false);
    expect(measureNeedsEndReason(M.DECLINED)).toBe(true);
  });
});
