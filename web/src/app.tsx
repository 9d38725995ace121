import { lazy, Suspense, useEffect, useState } from 'react';
import { Provider } from 'urql';
import { useLocale, useT, type Locale } from './i18n';
import { Bell } from './pages/bell';
import { FiguresPage } from './pages/figures';
import { ImportPage } from './pages/import';
import { NetworkMeetingsPage } from './pages/network-meetings';
import { OutreachRoundsPage } from './pages/outreach-rounds';
import { ReportPage } from './pages/report';
import { ConsentsPage } from './pages/consents';
import { LoginPage } from './pages/login';
import { NotificationsPage } from './pages/notifications';
import { PeoplePage } from './pages/people';
import { SecurityPage } from './pages/security';
import { StudentsPage } from './pages/students';
import { WorkListPage } from './pages/work-list';
import { YoungPersonPage } from './pages/young-person';
import { Link, navigate, useLocation } from './router';
import { client, logout, onSessionChange, renew, type Me } from './session';

// The auditor's screens load on first visit: few users need them, and they stay out of the first load.
const AuditLogPage = lazy(() => import('./pages/audit/audit-log').then((m) => ({ default: m.AuditLogPage })));
const RegisterExtractPage = lazy(() => import('./pages/extract/register-extract').then((m) => ({ default: m.RegisterExtractPage })));
const ConcernReportPage = lazy(() => import('./pages/concern/concern-report').then((m) => ({ default: m.ConcernReportPage })));
const AssociationPage = lazy(() => import('./pages/association/association').then((m) => ({ default: m.AssociationPage })));
const CaseListPage = lazy(() => import('./pages/cases/case-list').then((m) => ({ default: m.CaseListPage })));
const ReferralsPage = lazy(() => import('./pages/referrals/referrals').then((m) => ({ default: m.ReferralsPage })));
const CasePage = lazy(() => import('./pages/cases/case-page').then((m) => ({ default: m.CasePage })));
const EmergencyReviewPage = lazy(() => import('./pages/audit/emergency-review').then((m) => ({ default: m.EmergencyReviewPage })));
const AdminUsersPage = lazy(() => import('./pages/admin/users').then((m) => ({ default: m.AdminUsersPage })));
const AdminUserPage = lazy(() => import('./pages/admin/user').then((m) => ({ default: m.AdminUserPage })));
const AdminOrganisationsPage = lazy(() => import('./pages/admin/organisations').then((m) => ({ default: m.AdminOrganisationsPage })));
const AdminRetentionPage = lazy(() => import('./pages/admin/retention').then((m) => ({ default: m.AdminRetentionPage })));
const AdminIdentityProvidersPage = lazy(() => import('./pages/admin/identity-providers').then((m) => ({ default: m.AdminIdentityProvidersPage })));
const AdminStaffLeavePage = lazy(() => import('./pages/admin/staff-leave').then((m) => ({ default: m.AdminStaffLeavePage })));

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => onSessionChange(setMe), []);
  useEffect(() => {
    void renew().catch(() => setMe(null));
  }, []);
  if (me === undefined) return null;
  if (me === null) return <LoginPage />;
  return (
    <Provider value={client}>
      <Shell me={me} />
    </Provider>
  );
}

type NavLabel = 'nav.cases' | 'nav.referrals' | 'nav.auditLog' | 'nav.emergencyReview' | 'nav.workList' | 'nav.rounds' | 'nav.meetings' | 'nav.import' | 'nav.report' | 'nav.students' | 'nav.figures' | 'nav.people' | 'nav.consents' | 'nav.notifications' | 'nav.security' | 'nav.adminUsers' | 'nav.adminOrganisations' | 'nav.adminRetention' | 'nav.adminStaffLeave' | 'nav.association' | 'nav.adminIdentityProviders';

function navFor(me: Me): { to: string; label: NavLabel }[] {
  const items: { to: string; label: NavLabel }[] = [];
  const coordinator = me.roles.includes('YOUTH_COORDINATOR');
  if (coordinator) items.push({ to: '/', label: 'nav.workList' }, { to: '/rounds', label: 'nav.rounds' }, { to: '/import', label: 'nav.import' }, { to: '/meetings', label: 'nav.meetings' });
  if (coordinator || me.roles.includes('MANAGER')) items.push({ to: '/report', label: 'nav.report' });
  if (me.roles.includes('COUNSELLOR')) items.push({ to: '/students', label: 'nav.students' }, { to: '/figures', label: 'nav.figures' });
  if (me.roles.includes('ASSOCIATION_LEADER')) items.push({ to: '/association', label: 'nav.association' });
  if (me.roles.some((r) => r === 'YOUTH_COORDINATOR' || r === 'SOCIAL_WORKER' || r === 'EMPLOYMENT_OFFICER')) items.push({ to: '/cases', label: 'nav.cases' });
  if (me.roles.some((r) => r === 'YOUTH_COORDINATOR' || r === 'SOCIAL_WORKER' || r === 'EMPLOYMENT_OFFICER' || r === 'ASSOCIATION_LEADER' || r === 'COUNSELLOR')) items.push({ to: '/referrals', label: 'nav.referrals' });
  if (me.roles.includes('AUDITOR')) items.push({ to: '/audit/log', label: 'nav.auditLog' }, { to: '/audit/emergency', label: 'nav.emergencyReview' });
  if (me.roles.includes('MUNICIPALITY_ADMIN')) items.push({ to: '/admin/users', label: 'nav.adminUsers' }, { to: '/admin/organisations', label: 'nav.adminOrganisations' }, { to: '/admin/retention', label: 'nav.adminRetention' }, { to: '/admin/staff-leave', label: 'nav.adminStaffLeave' }, { to: '/admin/identity-providers', label: 'nav.adminIdentityProviders' });
  // The organisation admin: the users of the own organisation and their staff leave (the API scopes both).
  else if (me.roles.includes('ORG_ADMIN')) items.push({ to: '/admin/users', label: 'nav.adminUsers' }, { to: '/admin/staff-leave', label: 'nav.adminStaffLeave' });
  items.push({ to: '/people', label: 'nav.people' });
  items.push({ to: '/consents', label: 'nav.consents' });
  items.push({ to: '/notifications', label: 'nav.notifications' });
  items.push({ to: '/security', label: 'nav.security' });
  return items;
}

function Shell({ me }: { me: Me }) {
  const { t, tEnum } = useT();
  const { locale, setLocale } = useLocale();
  const { path } = useLocation();
  const nav = navFor(me);
  const home = nav[0].to;
  let page;
  const person = /^\/people\/([0-9a-f-]{36})$/.exec(path);
  const caseId = /^\/cases\/([0-9a-f-]{36})$/.exec(path);
  const extract = /^\/people\/([0-9a-f-]{36})\/extract$/.exec(path);
  const admin = me.roles.includes('MUNICIPALITY_ADMIN');
  const userAdmin = admin || me.roles.includes('ORG_ADMIN');
  const adminUser = /^\/admin\/users\/([0-9a-f-]{36})$/.exec(path);
  const concern = /^\/people\/([0-9a-f-]{36})\/concern$/.exec(path);
  if (person) page = <YoungPersonPage id={person[1]} me={me} />;
  else if (extract && me.roles.includes('YOUTH_COORDINATOR')) page = <RegisterExtractPage id={extract[1]} />;
  else if (concern) page = <ConcernReportPage id={concern[1]} />;
  else if (path === '/association' && me.roles.includes('ASSOCIATION_LEADER')) page = <AssociationPage me={me} />;
  else if (caseId) page = <CasePage id={caseId[1]} me={me} />;
  else if (path === '/referrals') page = <ReferralsPage />;
  else if (path === '/cases') page = <CaseListPage me={me} />;
  else if (path === '/students') page = <StudentsPage />;
  else if (path === '/consents') page = <ConsentsPage />;
  else if (path === '/people') page = <PeoplePage />;
  else if (path === '/notifications') page = <NotificationsPage />;
  else if (path === '/security') page = <SecurityPage />;
  else if (path === '/rounds') page = <OutreachRoundsPage />;
  else if (path === '/meetings' && me.roles.includes('YOUTH_COORDINATOR')) page = <NetworkMeetingsPage />;
  else if (path === '/import') page = <ImportPage />;
  else if (path === '/report') page = <ReportPage />;
  else if (path === '/audit/log' && me.roles.includes('AUDITOR')) page = <AuditLogPage />;
  else if (path === '/audit/emergency' && me.roles.includes('AUDITOR')) page = <EmergencyReviewPage />;
  else if (path === '/figures') page = <FiguresPage />;
  else if (adminUser && userAdmin) page = <AdminUserPage id={adminUser[1]} me={me} />;
  else if (path === '/admin/users' && userAdmin) page = <AdminUsersPage me={me} />;
  else if (path === '/admin/organisations' && admin) page = <AdminOrganisationsPage />;
  else if (path === '/admin/retention' && admin) page = <AdminRetentionPage />;
  else if (path === '/admin/staff-leave' && userAdmin) page = <AdminStaffLeavePage />;
  else if (path === '/admin/identity-providers' && admin) page = <AdminIdentityProvidersPage />;
  else if (path === '/' && me.roles.includes('YOUTH_COORDINATOR')) page = <WorkListPage me={me} />;
  // Everyone else starts on their first screen.
  else if (path === '/') page = home === '/students' ? <StudentsPage /> : home === '/audit/log' ? <AuditLogPage /> : home === '/report' ? <ReportPage /> : home === '/admin/users' ? <AdminUsersPage me={me} /> : home === '/association' ? <AssociationPage me={me} /> : home === '/cases' ? <CaseListPage me={me} /> : <PeoplePage />;
  else page = <p>{t('page.notFound')}</p>;
  return (
    <>
      <a className="skip" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="banner">
        <span className="brand">{t('app.name')}</span>
        <span className="who">
          {me.displayName} · {me.roles.map((r) => tEnum('Role', r)).join(', ')} · {me.organisation.name}
        </span>
        <Bell />
        <label className="lang">
          {t('shell.language')}{' '}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="sv-SE">Svenska</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" onClick={() => void logout().then(() => navigate('/'))}>
          {t('shell.logout')}
        </button>
      </header>
      <nav aria-label={t('shell.navigation')}>
        <ul>
          {nav.map((n) => (
            <li key={n.to}>
              <Link to={n.to} aria-current={path === n.to || (path === '/' && n.to === home) ? 'page' : undefined}>
                {t(n.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p>{t('common.loading')}</p>}>{page}</Suspense>
      </main>
    </>
  );
}
