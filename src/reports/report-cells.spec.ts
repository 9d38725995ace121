import { CellFactory, csvField, csvLine } from './report-cells';

describe('report cells', () => {
  const manager = new CellFactory(true);
  const youthTeam = new CellFactory(false);

  it.each([0, 1, 4])('hides a count of %i people from the manager as "<5"', (n) => {
    expect(manager.people(n)).toEqual({ value: null, suppressed: true, display: '<5' });
    expect(youthTeam.people(n)).toEqual({ value: n, suppressed: false, display: String(n) });
  });

  it('shows counts from 5 to everyone', () => {
    expect(manager.people(5)).toEqual({ value: 5, suppressed: false, display: '5' });
  });

  it('never hides counts of things that are not people', () => {
    expect(manager.plain(1)).toEqual({ value: 1, suppressed: false, display: '1' });
  });

  it('hides a share when either count is small, rounds the display to a whole percent', () => {
    expect(manager.share(4, 10).suppressed).toBe(true);
    expect(manager.share(5, 4).suppressed).toBe(true);
    expect(manager.share(5, 7)).toEqual({ value: 71.4, suppressed: false, display: '71%' });
    expect(youthTeam.share(1, 3)).toEqual({ value: 33.3, suppressed: false, display: '33%' });
    expect(youthTeam.share(0, 0)).toEqual({ value: null, suppressed: false, display: '' });
  });

  it('quotes CSV fields only when needed', () => {
    expect(csvField('<5')).toBe('<5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvLine(['figure', '74%', '<5'])).toBe('figure,74%,<5');
  });
});
