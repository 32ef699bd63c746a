import { useEffect } from 'preact/hooks';
import { Route, Router, lazy, useLocation } from 'preact-iso';
import { adminOnly, isAdmin } from '../admin/AdminOnly.js';
import { loadDirectory } from '../api/directory.js';
import { cannedReplies } from '../canned-replies/canned-api.js';
import { currentUser, signOut } from '../api/session.js';
import { setLocale, locale, t } from '../i18n/i18n.js';
import { Inbox } from '../inbox/Inbox.js';
import { resetInboxStore } from '../inbox/inbox-store.js';
import { clearSelection } from '../inbox/selection.js';
import { clearLiveStore } from '../live/live-store.js';
import { LiveStatus } from '../live/LiveStatus.js';
import { startLive, stopLive } from '../live/stream.js';
import { paths } from '../paths.js';
import { CommandPalette, paletteOpen } from '../shortcuts/CommandPalette.js';
import { displayKeys, registerActions, startShortcuts } from '../shortcuts/registry.js';
import { ShortcutHelp, helpOpen } from '../shortcuts/ShortcutHelp.js';
import { setTheme, theme } from '../theme/theme.js';
import { Announcer } from '../ui/announce.js';
import { startClock } from '../ui/clock.js';
import { Preferences } from './Preferences.js';
import '../admin/admin.css';
import './shell.css';

// The inbox comes with the shell (it is the first screen); the others load when first opened.
const SubmissionView = lazy(() => import('../submission/SubmissionView.js').then((m) => m.SubmissionView));
const CannedReplies = lazy(() => import('../canned-replies/CannedReplies.js').then((m) => m.CannedReplies));
// The owner's screens: admins only, each its own chunk, never loaded for an agent.
const Sites = adminOnly(lazy(() => import('../sites/Sites.js').then((m) => m.Sites)));
const SiteEditor = adminOnly(lazy(() => import('../sites/SiteEditor.js').then((m) => m.SiteEditor)));
const Staff = adminOnly(lazy(() => import('../staff/Staff.js').then((m) => m.Staff)));
const Webhooks = adminOnly(lazy(() => import('../webhooks/Webhooks.js').then((m) => m.Webhooks)));
const Tokens = lazy(() => import('../tokens/Tokens.js').then((m) => m.Tokens));
const Account = lazy(() => import('../account/Account.js').then((m) => m.Account));
const Analysis = lazy(() => import('../analysis/Analysis.js').then((m) => m.Analysis));
const Improvements = lazy(() => import('../improvements/Improvements.js').then((m) => m.Improvements));
const FollowUps = lazy(() => import('../follow-up/FollowUps.js').then((m) => m.FollowUps));

/** Ends the session; live state is forgotten, drafts stay (they are kept per user). */
async function leave(): Promise<void> {
  stopLive();
  clearLiveStore();
  resetInboxStore();
  clearSelection();
  cannedReplies.value = undefined;
  await signOut();
}

/** The signed-in console: header, the live status line, the screens, the help and the palette. */
export function Shell() {
  const { route } = useLocation();
  const s = t().shell;

  useEffect(() => {
    startLive();
    const stopClock = startClock();
    const stopKeys = startShortcuts();
    void loadDirectory().catch((error) => console.warn('Sori console: could not load users and sites', error));
    // Open the other screens' chunks while idle, so the first Enter on a row does not wait.
    const idle = setTimeout(() => void Promise.all([SubmissionView.preload(), CannedReplies.preload()]).catch(() => {}), 1500);
    const unregister = registerActions([
      { id: 'global.help', group: 'global', keys: '[Shift]+?', label: () => t().shortcuts.actions.help, run: () => (helpOpen.value = true) },
      { id: 'global.palette', group: 'global', keys: '$mod+k', inFields: true, label: () => t().shortcuts.actions.palette, run: () => (paletteOpen.value = !paletteOpen.peek()) },
      { id: 'global.inbox', group: 'global', label: () => t().shortcuts.actions.goInbox, run: () => route(paths.inbox) },
      { id: 'global.canned', group: 'global', label: () => t().shortcuts.actions.goCanned, run: () => route(paths.cannedReplies) },
      { id: 'global.account', group: 'global', label: () => t().shortcuts.actions.goAccount, run: () => route(paths.account) },
      { id: 'global.tokens', group: 'global', label: () => t().shortcuts.actions.goTokens, run: () => route(paths.tokens) },
      ...(isAdmin()
        ? [
            { id: 'global.sites', group: 'global' as const, label: () => t().shortcuts.actions.goSites, run: () => route(paths.sites) },
            { id: 'global.staff', group: 'global' as const, label: () => t().shortcuts.actions.goStaff, run: () => route(paths.staff) },
            { id: 'global.webhooks', group: 'global' as const, label: () => t().shortcuts.actions.goWebhooks, run: () => route(paths.webhooks) },
          ]
        : []),
      { id: 'global.theme', group: 'global', label: () => t().shortcuts.actions.theme, run: () => setTheme(theme.peek() === 'dark' ? 'light' : 'dark') },
      { id: 'global.language', group: 'global', label: () => t().shortcuts.actions.language, run: () => setLocale(locale.peek() === 'ko' ? 'en' : 'ko') },
      { id: 'global.signOut', group: 'global', label: () => t().shortcuts.actions.signOut, run: () => void leave() },
    ]);
    return () => {
      clearTimeout(idle);
      unregister();
      stopKeys();
      stopClock();
      stopLive();
    };
  }, []);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t().app.skip}
      </a>
      <header class="shell__header">
        <a class="shell__brand" href={paths.inbox}>
          Sori
        </a>
        <nav class="shell__nav" aria-label={s.nav}>
          <a href={paths.inbox}>{s.inbox}</a>
          <a href={paths.cannedReplies}>{s.cannedReplies}</a>
          <a href={paths.analysis}>{t().analysis.title}</a>
          <a href={paths.improvements}>{t().improvements.title}</a>
          <a href={paths.followUps}>{t().followUp.title}</a>
          {isAdmin() && (
            <>
              <a href={paths.sites}>{s.sites}</a>
              <a href={paths.staff}>{s.staff}</a>
              <a href={paths.webhooks}>{s.webhooks}</a>
            </>
          )}
          <a href={paths.tokens}>{s.tokens}</a>
          <a href={paths.account}>{s.account}</a>
        </nav>
        <LiveStatus />
        <div class="shell__tools">
          <button type="button" class="button button--quiet" onClick={() => (paletteOpen.value = true)}>
            {s.palette} <kbd class="kbd">{displayKeys('$mod+k')}</kbd>
          </button>
          <button type="button" class="button button--quiet" onClick={() => (helpOpen.value = true)}>
            {s.shortcuts} <kbd class="kbd">?</kbd>
          </button>
          <Preferences />
          <span class="shell__user">{s.signedInAs(currentUser.value?.name ?? '')}</span>
          <button type="button" class="button" onClick={() => void leave()}>
            {s.signOut}
          </button>
        </div>
      </header>
      <main id="main" class="shell__main" tabIndex={-1}>
        <Router>
          <Route path={paths.inbox} component={Inbox} />
          <Route path={`${paths.inbox}submissions/:id`} component={SubmissionView} />
          <Route path={paths.cannedReplies} component={CannedReplies} />
          <Route path={paths.analysis} component={Analysis} />
          <Route path={paths.improvements} component={Improvements} />
          <Route path={paths.followUps} component={FollowUps} />
          <Route path={paths.sites} component={Sites} />
          <Route path={`${paths.sites}/:id`} component={SiteEditor} />
          <Route path={paths.staff} component={Staff} />
          <Route path={paths.webhooks} component={Webhooks} />
          <Route path={paths.tokens} component={Tokens} />
          <Route path={paths.account} component={Account} />
          <Route default component={Inbox} />
        </Router>
      </main>
      <ShortcutHelp />
      <CommandPalette />
      <Announcer />
    </div>
  );
}
