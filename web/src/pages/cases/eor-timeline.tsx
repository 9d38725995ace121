import type { CasePageQuery } from '../../gql/graphql';
import { useT } from '../../i18n';
import { stockholmToday } from '../common';

type Goal = CasePageQuery['case']['goals'][number];

const W = 640;
const H = 70;
const PAD = 24;
const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/**
 * EOR: the challenging goal and its sub-goals planned backwards, drawn from the goal's
 * date back to today. The SVG is decoration; the list after it says the same in words.
 */
export function EorTimeline({ goal, org }: { goal: Goal; org: (id: string) => string }) {
  const { t, tEnum, date } = useT();
  const today = stockholmToday();
  const span = Math.max(1, days(today, goal.targetDate));
  // Goal on the right, today on the left; past dates stay at today's edge.
  const x = (d: string) => PAD + ((W - 2 * PAD) * Math.min(span, Math.max(0, days(today, d)))) / span;
  const who = (g: Goal | Goal['subGoals'][number]) => (g.responsible === 'YOUNG_PERSON' ? tEnum('GoalResponsible', g.responsible) : org(g.ownerOrganisationId ?? ''));
  return (
    <figure className="eor" data-testid="eor-plan">
      <figcaption>
        <strong>{goal.description}</strong> · {date(goal.targetDate)} · {tEnum('GoalStatus', goal.status)}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        <line x1={PAD} y1={30} x2={W - PAD} y2={30} stroke="#0b3d61" strokeWidth="2" />
        <circle cx={PAD} cy={30} r={5} fill="#fff" stroke="#0b3d61" />
        <text x={PAD} y={55} fontSize="11" textAnchor="middle">
          {t('cases.today')}
        </text>
        {goal.subGoals.map((s, i) => (
          <g key={s.id}>
            <circle cx={x(s.targetDate)} cy={30} r={5} fill={s.status === 'ACHIEVED' ? '#2e7d32' : '#c75000'} />
            <text x={x(s.targetDate)} y={i % 2 ? 55 : 15} fontSize="11" textAnchor="middle">
              {date(s.targetDate)}
            </text>
          </g>
        ))}
        <circle cx={W - PAD} cy={30} r={8} fill="#0b3d61" />
        <text x={W - PAD} y={55} fontSize="11" textAnchor="end">
          {date(goal.targetDate)}
        </text>
      </svg>
      <ol className="timeline">
        <li>
          {t('cases.goal')}: {goal.description} · {date(goal.targetDate)} · {who(goal)}
        </li>
        {goal.subGoals.map((s) => (
          <li key={s.id}>
            {date(s.targetDate)} ({t('cases.daysLeft', { days: days(today, s.targetDate) })}): {s.description} · {who(s)} · {tEnum('GoalStatus', s.status)}
          </li>
        ))}
      </ol>
    </figure>
  );
}
