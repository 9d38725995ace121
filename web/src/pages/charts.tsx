/**
 * Small SVG charts (no chart library: the first load stays small). Each is an image with
 * a text alternative; the table beside it holds the same numbers for screen readers.
 * Suppressed cells ("<5") are null and drawn as gaps.
 */
export type Series = { label: string; values: (number | null)[] };

const W = 560;
const H = 200;
const PAD = { left: 40, right: 10, top: 10, bottom: 30 };
const COLOURS = ['#0b3d61', '#c75000', '#2e7d32', '#6a1b9a', '#00838f', '#8d6e00', '#ad1457', '#455a64', '#5d4037'];

function scale(max: number) {
  const top = max <= 0 ? 1 : max;
  return (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / top);
}

function Axes({ months, max, unit, labels }: { months: string[]; max: number; unit?: string; labels?: string[] }) {
  const y = scale(max);
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  return (
    <g fontSize="11" fill="#333">
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#999" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#999" />
      <text x={PAD.left - 4} y={y(max) + 4} textAnchor="end">
        {Math.round(max)}
        {unit}
      </text>
      <text x={PAD.left - 4} y={y(0) + 4} textAnchor="end">
        0
      </text>
      {months.map((m, i) => (
        <text key={m} x={PAD.left + step * (i + 0.5)} y={H - PAD.bottom + 14} textAnchor="middle">
          {labels?.[i] ?? m.slice(2)}
        </text>
      ))}
    </g>
  );
}

export function LineChart({ title, months, series, unit, fixedMax }: { title: string; months: string[]; series: Series[]; unit?: string; fixedMax?: number }) {
  const max = fixedMax ?? Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const y = scale(max);
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const x = (i: number) => PAD.left + step * (i + 0.5);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axes months={months} max={max} unit={unit} />
        {series.map((s, k) => {
          // Gaps where a cell is suppressed: one path segment per run of known values.
          const d = s.values.map((v, i) => (v === null ? '' : `${i === 0 || s.values[i - 1] === null ? 'M' : 'L'}${x(i)},${y(v)}`)).join(' ');
          return (
            <g key={s.label} stroke={COLOURS[k % COLOURS.length]} fill={COLOURS[k % COLOURS.length]}>
              <path d={d} fill="none" strokeWidth="2" />
              {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="3" />))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title}
        <Legend series={series} />
      </figcaption>
    </figure>
  );
}

/**
 * One bar per month (or per label), a block per series stacked; `grouped` puts the series side
 * by side instead, for figures that are parts of one another (placements of positions).
 */
export function BarChart({ title, months, series, labels, grouped }: { title: string; months: string[]; series: Series[]; labels?: string[]; grouped?: boolean }) {
  const max = Math.max(1, ...months.map((_, i) => (grouped ? Math.max(0, ...series.map((s) => s.values[i] ?? 0)) : series.reduce((n, s) => n + (s.values[i] ?? 0), 0))));
  const y = scale(max);
  const step = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const width = (step * 0.7) / (grouped ? Math.max(1, series.length) : 1);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <Axes months={months} max={max} labels={labels} />
        {months.map((m, i) => {
          let base = 0;
          return (
            <g key={m}>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                if (v <= 0) return null;
                const x = PAD.left + step * i + step * 0.15 + (grouped ? width * k : 0);
                const from = grouped ? 0 : base;
                const rect = <rect key={s.label} x={x} width={width} y={y(from + v)} height={y(from) - y(from + v)} fill={COLOURS[k % COLOURS.length]} />;
                base += v;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title}
        <Legend series={series} />
      </figcaption>
    </figure>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul className="legend">
      {series.map((s, k) => (
        <li key={s.label}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill={COLOURS[k % COLOURS.length]} />
          </svg>{' '}
          {s.label}
        </li>
      ))}
    </ul>
  );
}
