import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { CaseClosureOutcome, CasePageQuery, InformationCategory } from '../../gql/graphql';
import { useT } from '../../i18n';
import { Link } from '../../router';
import type { Me } from '../../session';
import { ErrorMessage, Section, stockholmToday } from '../common';
import { SendReferralForm } from '../referrals/send-referral';
import { EorTimeline } from './eor-timeline';

const CasePageQuery = graphql(`
  query CasePage($id: ID!) {
    case(id: $id) {
      id
      title
      status
      createdAt
      closedAt
      closureOutcome
      closureNote
      youngPersonId
      municipalityCode
      leadOrganisationId
      leadOrganisation {
        id
        name
      }
      participants {
        organisationId
        role
        addedAt
        organisation {
          id
          name
          kind
        }
      }
      goals {
        id
        description
        targetDate
        status
        responsible
        ownerOrganisationId
        subGoals {
          id
          description
          targetDate
          status
          responsible
          ownerOrganisationId
        }
      }
      meetings {
        id
        kind
        scheduledAt
        heldAt
        minutes
        youngPersonAttended
        participantOrganisationIds
      }
      tasks {
        id
        kind
        title
        dueDate
        status
        ownerOrganisationId
      }
      referrals {
        id
        purpose
        activity
        state
        overdue
        responseDueDate
        declineReason
        outcomeCode
        senderOrganisationId
        receiverOrganisationId
        receiverOrganisation {
          id
          name
        }
      }
    }
    caseNotes(caseId: $id, first: 100) {
      totalCount
      edges {
        node {
          id
          version
          category
          restricted
          body
          createdAt
          authorOrganisationId
          authorOrganisation {
            id
            name
          }
        }
      }
    }
  }
`);

const AddNoteMutation = graphql(`
  mutation AddCaseNote($input: AddCaseNoteInput!) {
    addCaseNote(input: $input) {
      id
      version
      category
      restricted
      body
      createdAt
    }
  }
`);

const CompleteTaskMutation = graphql(`
  mutation CompleteCaseTask($id: ID!) {
    completeCaseTask(id: $id) {
      id
      status
      completedAt
    }
  }
`);

const CloseCaseMutation = graphql(`
  mutation CloseCase($id: ID!, $input: CloseCaseInput!) {
    closeCase(id: $id, input: $input) {
      id
      status
      closedAt
      closureOutcome
      closureNote
    }
  }
`);

export const CATEGORIES: InformationCategory[] = ['IDENTITY', 'CONTACT', 'SCHOOL', 'SOCIAL', 'EMPLOYMENT', 'HEALTH', 'ACTIVITIES'];
const OUTCOMES: CaseClosureOutcome[] = ['WORK', 'STUDIES', 'LABOUR_OFFICE_PROGRAMME', 'OTHER_SUPPORT', 'MOVED_AWAY', 'DECLINED_SUPPORT', 'OTHER'];

type Case = CasePageQuery['case'];

/** A joint case as the caller's organisation may see it; notes it lacks consent for are placeholders (the API sends no text). */
export function CasePage({ id, me }: { id: string; me: Me }) {
  const { t, tEnum, date, dateTime } = useT();
  const [{ data, error }, refetch] = useQuery({ query: CasePageQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const [status, setStatus] = useState('');
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p>{t('common.loading')}</p>;
  const c = data.case;
  const names = new Map(c.participants.map((p) => [p.organisationId, p.organisation?.name ?? p.organisationId]));
  const org = (oid: string | null | undefined) => (oid ? (names.get(oid) ?? oid) : '–');
  const isLead = c.leadOrganisationId === me.organisation.id;
  const open = c.status === 'OPEN';
  const reload = (message: string) => {
    setStatus(message);
    refetch({ requestPolicy: 'network-only' });
  };
  const notes = data.caseNotes.edges.map((e) => e.node);
  return (
    <>
      <p>
        <Link to="/cases">{t('cases.back')}</Link>
      </p>
      <h1>{c.title}</h1>
      <dl data-testid="case-summary">
        <dt>{t('cases.status')}</dt>
        <dd>{tEnum('CaseStatus', c.status)}</dd>
        <dt>{t('cases.lead')}</dt>
        <dd>{c.leadOrganisation?.name ?? '–'}</dd>
        <dt>{t('cases.opened')}</dt>
        <dd>{date(c.createdAt)}</dd>
        {c.closedAt && (
          <>
            <dt>{t('cases.closedAt')}</dt>
            <dd>{date(c.closedAt)}</dd>
            <dt>{t('cases.outcome')}</dt>
            <dd data-testid="case-outcome">
              {tEnum('CaseClosureOutcome', c.closureOutcome)}
              {c.closureNote ? ` · ${c.closureNote}` : ''}
            </dd>
          </>
        )}
      </dl>
      <p role="status" className="status">
        {status}
      </p>
      <div className="grid">
        <Section title={t('cases.participants')} id="participants">
          <ul data-testid="case-participants">
            {c.participants.map((p) => (
              <li key={p.organisationId}>
                {p.organisation?.name ?? p.organisationId} · {t(p.role === 'LEAD' ? 'cases.roleLead' : 'cases.roleParticipant')} · {t('cases.since', { when: date(p.addedAt) })}
              </li>
            ))}
          </ul>
        </Section>
        <Section title={t('cases.tasks')} id="tasks">
          <Tasks c={c} org={org} mine={(oid) => open && oid === me.organisation.id} onDone={() => reload(t('cases.taskDone'))} />
        </Section>
      </div>
      <Section title={t('cases.notes')} id="notes">
        <ul className="cards" data-testid="case-notes">
          {notes.map((n) => (
            <li key={n.id} data-testid={n.restricted ? 'note-placeholder' : 'note'}>
              <h3>
                {tEnum('InformationCategory', n.category)} · {n.authorOrganisation?.name ?? org(n.authorOrganisationId)} · {dateTime(n.createdAt)}
                {n.version > 1 ? ` · ${t('cases.version', { version: n.version })}` : ''}
              </h3>
              {n.restricted ? <p className="muted">{t('cases.notePlaceholder')}</p> : <p>{n.body}</p>}
            </li>
          ))}
          {notes.length === 0 && <li>{t('common.none')}</li>}
        </ul>
        {open && <AddNote caseId={c.id} onAdded={() => reload(t('cases.noteAdded'))} />}
      </Section>
      <Section title={t('cases.meetings')} id="meetings">
        <ul className="cards" data-testid="case-meetings">
          {c.meetings.map((m) => (
            <li key={m.id}>
              <h3>
                {tEnum('MeetingKind', m.kind)} · {dateTime(m.heldAt ?? m.scheduledAt)} · {t(m.heldAt ? 'cases.meetingHeld' : 'cases.meetingPlanned')}
              </h3>
              <p>{t('cases.meetingWith', { orgs: m.participantOrganisationIds.map(org).join(', ') || '–' })}</p>
              {m.minutes && (
                <>
                  <h4>{t('cases.minutes')}</h4>
                  <p>{m.minutes}</p>
                </>
              )}
            </li>
          ))}
          {c.meetings.length === 0 && <li>{t('common.none')}</li>}
        </ul>
      </Section>
      <Section title={t('cases.plan')} id="plan">
        {c.goals.length === 0 ? <p>{t('common.none')}</p> : c.goals.map((g) => <EorTimeline key={g.id} goal={g} org={org} />)}
      </Section>
      <Section title={t('referrals.ofCase')} id="case-referrals">
        <CaseReferrals c={c} org={org} />
        {open && <SendReferralForm caseId={c.id} municipalityCode={c.municipalityCode} me={me} onSent={() => reload(t('referrals.sentMessage'))} />}
      </Section>
      {isLead && open && <CloseCase id={c.id} onClosed={() => reload(t('cases.closed'))} />}
    </>
  );
}

/** Tasks with owner and due date; the owner organisation marks its own done. */
function Tasks({ c, org, mine, onDone }: { c: Case; org: (id: string) => string; mine: (orgId: string) => boolean; onDone: () => void }) {
  const { t, tEnum, date } = useT();
  const [done, complete] = useMutation(CompleteTaskMutation);
  const today = stockholmToday();
  return (
    <>
      <ErrorMessage error={done.error} />
      <table data-testid="case-tasks">
        <thead>
          <tr>
            <th scope="col">{t('cases.task')}</th>
            <th scope="col">{t('cases.owner')}</th>
            <th scope="col">{t('cases.due')}</th>
            <th scope="col">{t('cases.status')}</th>
          </tr>
        </thead>
        <tbody>
          {c.tasks.map((task) => (
            <tr key={task.id} className={task.status === 'OPEN' && task.dueDate < today ? 'overdue' : undefined}>
              <td>{task.title}</td>
              <td>{org(task.ownerOrganisationId)}</td>
              <td>
                {date(task.dueDate)}
                {task.status === 'OPEN' && task.dueDate < today ? ` · ${t('cases.overdue')}` : ''}
              </td>
              <td>
                {tEnum('TaskStatus', task.status)}{' '}
                {mine(task.ownerOrganisationId) && task.status === 'OPEN' && (
                  <button type="button" aria-label={t('cases.completeTask', { title: task.title })} onClick={() => void complete({ id: task.id }).then((r) => !r.error && onDone())}>
                    {t('cases.markDone')}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {c.tasks.length === 0 && (
            <tr>
              <td colSpan={4}>{t('common.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

/** The case's referrals as the caller may see them: state and outcome, overdue answers marked in words too. */
function CaseReferrals({ c, org }: { c: Case; org: (id: string) => string }) {
  const { t, tEnum, date } = useT();
  if (c.referrals.length === 0) return <p>{t('common.none')}</p>;
  return (
    <table data-testid="case-referrals">
      <thead>
        <tr>
          <th scope="col">{t('referrals.purpose')}</th>
          <th scope="col">{t('referrals.from')}</th>
          <th scope="col">{t('referrals.receiver')}</th>
          <th scope="col">{t('referrals.state')}</th>
          <th scope="col">{t('referrals.answerBy')}</th>
          <th scope="col">{t('referrals.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {c.referrals.map((r) => (
          <tr key={r.id} className={r.overdue ? 'overdue' : undefined}>
            <td>
              {tEnum('ReferralPurpose', r.purpose)}
              {r.activity ? ` · ${r.activity}` : ''}
            </td>
            <td>{org(r.senderOrganisationId)}</td>
            <td>{r.receiverOrganisation?.name ?? org(r.receiverOrganisationId)}</td>
            <td>
              {tEnum('ReferralState', r.state)}
              {r.overdue && <strong className="overdue-tag"> · {t('referrals.overdue')}</strong>}
            </td>
            <td>{date(r.responseDueDate)}</td>
            <td>{r.outcomeCode ? tEnum('ReferralOutcome', r.outcomeCode) : r.declineReason ? tEnum('ReferralDeclineReason', r.declineReason) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddNote({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const { t, tEnum } = useT();
  const [category, setCategory] = useState<InformationCategory>('SOCIAL');
  const [body, setBody] = useState('');
  const [added, add] = useMutation(AddNoteMutation);
  return (
    <form
      aria-label={t('cases.addNote')}
      onSubmit={(e) => {
        e.preventDefault();
        void add({ input: { caseId, category, body } }).then((r) => {
          if (r.error) return;
          setBody('');
          onAdded();
        });
      }}
    >
      <h3>{t('cases.addNote')}</h3>
      <label>
        {t('cases.category')}
        <select value={category} onChange={(e) => setCategory(e.target.value as InformationCategory)}>
          {CATEGORIES.map((k) => (
            <option key={k} value={k}>
              {tEnum('InformationCategory', k)}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        {t('cases.noteText')}
        <textarea required value={body} onChange={(e) => setBody(e.target.value)} rows={3} />
      </label>
      <ErrorMessage error={added.error} />
      <button type="submit" disabled={added.fetching}>
        {t('cases.saveNote')}
      </button>
    </form>
  );
}

function CloseCase({ id, onClosed }: { id: string; onClosed: () => void }) {
  const { t, tEnum } = useT();
  const [outcome, setOutcome] = useState<CaseClosureOutcome | ''>('');
  const [note, setNote] = useState('');
  const [closed, close] = useMutation(CloseCaseMutation);
  return (
    <section aria-labelledby="close-case">
      <h2 id="close-case">{t('cases.close')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!outcome) return;
          void close({ id, input: { outcome, note: note || null } }).then((r) => !r.error && onClosed());
        }}
      >
        <label>
          {t('cases.outcome')}
          <select required value={outcome} onChange={(e) => setOutcome(e.target.value as CaseClosureOutcome)}>
            <option value="">{t('cases.chooseOutcome')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {tEnum('CaseClosureOutcome', o)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cases.closureNote')}
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <ErrorMessage error={closed.error} />
        <button type="submit" disabled={closed.fetching}>
          {t('cases.closeButton')}
        </button>
      </form>
    </section>
  );
}
