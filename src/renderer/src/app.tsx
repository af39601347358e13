/**
 * Which screen to draw, from real state only: the missing-bridge error, the connect screen (first run
 * or a rejected token), the no-access screen, or the Admin pages.
 */
import { Center, Loader } from '@mantine/core';
import type { MeResponse } from '@shared/http/me';
import type { ConnectionState } from '@shared/ipc/contract';
import { PAGE_VIEWS } from './app-pages';
import { ErrorScreen } from './components/error-screen';
import { ConnectScreen } from './features/connection/connect-screen';
import { useBridgeEvents, useConnection, useMe, useSyncState } from './features/connection/hooks';
import { KeyFlowProvider, useKeyFlow } from './features/keys/flow/key-flow';
import { useKeyOpenEvents } from './features/keys/reminders/open-key-request';
import { AppLayout } from './features/shell/app-layout';
import { NoAccess } from './components/no-access';
import { hasBridge, toAppError } from './lib/ipc';
import { usePage } from './lib/route';

/**
 * Admin or not: from /me when we have it; offline, from the profile's last known person (main caches
 * it), so an offline admin still gets the cached list. An API key token is never an admin session.
 */
export function adminStatus(me: MeResponse | undefined, meError: unknown, connection: ConnectionState): 'admin' | 'not-admin' | 'unknown' {
  if (me) return me.kind === 'person' && me.person.role === 'admin' ? 'admin' : 'not-admin';
  if (meError && toAppError(meError).code === 'FORBIDDEN') return 'not-admin';
  const role = connection.profile?.person?.role;
  if (role) return role === 'admin' ? 'admin' : 'not-admin';
  return meError ? 'admin' : 'unknown';
}

export function App() {
  if (!hasBridge()) {
    return (
      <ErrorScreen title="RakerOne Admin can't reach its main process">
        This window was opened without RakerOne Admin's bridge (window.rakerone), so it cannot show or change anything. Quit and start RakerOne Admin again; if
        this keeps happening, reinstall it.
      </ErrorScreen>
    );
  }
  return <ConnectedApp />;
}

function useSession() {
  const connection = useConnection();
  const signedIn = connection.data?.status === 'online' || connection.data?.status === 'offline';
  const me = useMe(signedIn);
  const sessionEnded = !signedIn || (me.isError && toAppError(me.error).code === 'UNAUTHORIZED');
  return { connection, me, sessionEnded };
}

/**
 * The key flow's owner sits above every branch below, so a new key on the copy screen is never
 * unmounted by a change of screen: it outlives the session, the admin check and the page.
 */
function ConnectedApp() {
  useBridgeEvents();
  useKeyOpenEvents();
  const { connection, sessionEnded } = useSession();
  return (
    <KeyFlowProvider offline={connection.data?.status === 'offline'} sessionActive={!sessionEnded}>
      <Screen />
    </KeyFlowProvider>
  );
}

function Screen() {
  const { connection, me, sessionEnded } = useSession();
  const sync = useSyncState();
  const page = usePage();
  const { copyScreenOpen } = useKeyFlow();

  if (connection.isError) {
    return <ErrorScreen title="RakerOne Admin couldn't start">{toAppError(connection.error).message}</ErrorScreen>;
  }
  if (!connection.data) {
    return (
      <Center mih="100dvh">
        <Loader aria-label="Starting RakerOne Admin" />
      </Center>
    );
  }
  // A new key on screen outlives the session: the sign-in screen waits for Done.
  if (sessionEnded && !copyScreenOpen) {
    return <ConnectScreen connection={connection.data} />;
  }

  const admin = adminStatus(me.data, me.error, connection.data);
  const offline = connection.data.status === 'offline';
  return (
    <AppLayout connection={connection.data} sync={sync.data} page={page} isAdmin={admin === 'admin'}>
      {admin === 'unknown' ? (
        <Center p="xl">
          <Loader aria-label="Checking your access" />
        </Center>
      ) : admin === 'not-admin' ? (
        <NoAccess />
      ) : (
        PAGE_VIEWS[page]({ offline })
      )}
    </AppLayout>
  );
}
