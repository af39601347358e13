/**
 * How fresh the flags are: as of the list's last sync, with the oldest usage fetch (and how many keys
 * have none yet) and the activity summary's fetch (Refused requests, New address). Offline this is the
 * cache's age, said plainly. Beside the key count, under the filter line.
 */
import { Text } from '@mantine/core';
import { relative } from '../../../lib/time';
import { useMinuteTick } from '../../../lib/use-minute-tick';
import type { flagsFreshness } from '../table/key-flags';

export function FlagsFreshness({ freshness }: { freshness: ReturnType<typeof flagsFreshness> }) {
  useMinuteTick();
  const parts = [freshness.syncedAt ? `Flags as of ${relative(freshness.syncedAt)}` : 'Flags not synced yet'];
  if (freshness.oldestUsage) parts.push(`usage fetched ${relative(freshness.oldestUsage)}`);
  parts.push(freshness.activityFetchedAt ? `activity fetched ${relative(freshness.activityFetchedAt)}` : 'no activity data yet');
  if (freshness.unknownUsage > 0) parts.push(`no usage data for ${freshness.unknownUsage} ${freshness.unknownUsage === 1 ? 'key' : 'keys'}`);
  const text = parts.join(' · ');
  return (
    <Text size="xs" c="dimmed" data-testid="flags-freshness" className="rk-ellipsis" title={text}>
      {text}
    </Text>
  );
}
