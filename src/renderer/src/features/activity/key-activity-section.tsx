/**
 * The details drawer's Activity and Where from sections for one key (`keys:activity`, main's
 * activity/). Every state says what it is in words: fresh from the server, kept from before (offline,
 * "as of …"), nothing known offline (it needs the server), or a key the server does not have yet —
 * never an empty chart that would read as "no activity".
 */
import { Alert, Loader, Text, Title } from '@mantine/core';
import type { KeyActivityView } from '@shared/ipc/activity';
import type { KeyRow } from '@shared/ipc/contract';
import { When } from '../../components/when';
import { toAppError } from '../../lib/ipc';
import { exact } from '../../lib/time';
import { ActivityChart } from './activity-chart';
import { useKeyActivity } from './use-key-activity';
import { WhereFrom } from './where-from';

export function KeyActivitySection({ keyRow }: { keyRow: Pick<KeyRow, 'id' | 'lastUsedAt'> }) {
  const query = useKeyActivity(keyRow.id, keyRow.lastUsedAt);
  return (
    <>
      <section aria-labelledby="details-usage-activity">
        <Title order={3} size="h4" id="details-usage-activity" mb="xs">
          Activity
        </Title>
        {query.isPending && <Loader size="sm" aria-label="Loading activity" />}
        {query.isError && <Alert color="red">{toAppError(query.error).message}</Alert>}
        {query.data && <ActivityBody view={query.data} />}
      </section>
      {query.data?.activity && (
        <section aria-labelledby="details-where-from">
          <Title order={3} size="h4" id="details-where-from" mb="xs">
            Where from
          </Title>
          <WhereFrom sources={query.data.activity.sources} dayCount={query.data.activity.days.length} />
        </section>
      )}
    </>
  );
}

function ActivityBody({ view }: { view: KeyActivityView }) {
  if (view.source === 'queued-create') {
    return <Text size="sm">No activity yet: this key is not on RakerOne until RakerOne Admin reconnects and creates it.</Text>;
  }
  if (!view.activity || !view.asOf) {
    return (
      <Text size="sm" data-testid="activity-needs-server">
        Activity needs the server: RakerOne Admin is offline and has not fetched this key's activity before.
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs" data-testid="activity-as-of">
        {view.source === 'cache' ? 'Offline: activity as of ' : `Last ${view.activity.days.length} days (UTC), as of `}
        <When iso={view.asOf} />
        {view.source === 'cache' ? ` (${exact(view.asOf)}), when RakerOne Admin last reached the server.` : '.'}
      </Text>
      <ActivityChart days={view.activity.days} />
    </>
  );
}
