/**
 * A relative time ("3 days ago") with the exact time on hover and in the machine-readable attribute.
 * Redrawn every minute by the shared tick, so it stays true on a screen left open.
 */
import { Text, Tooltip } from '@mantine/core';
import { exact, relative } from '../lib/time';
import { useMinuteTick } from '../lib/use-minute-tick';

export function When({ iso, never = 'Never', size = 'sm' }: { iso: string | null; never?: string; size?: string }) {
  useMinuteTick();
  if (!iso) {
    return (
      <Text size={size} c="dimmed" component="span">
        {never}
      </Text>
    );
  }
  return (
    <Tooltip label={exact(iso)} openDelay={300}>
      <Text size={size} component="time" dateTime={iso}>
        {relative(iso)}
      </Text>
    </Tooltip>
  );
}
