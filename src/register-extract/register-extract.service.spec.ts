import { camelKeys } from './register-extract.service';

describe('camelKeys', () => {
  it('turns column names into the API’s camelCase, values untouched', () => {
    expect(
      camelKeys({
        young_person_id: 'a',
        valid_from: '2026-01-01',
        id: 'x',
        age_15_17: 3,
        tags: ['a_b'],
      }),
    ).toEqual({ youngPersonId: 'a', validFrom: '2026-01-01', id: 'x', age1517: 3, tags: ['a_b'] });
  });
});
