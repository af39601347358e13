/**
 * The keys page's reminder: keys that expire or retire within 7 days (shared/key-reminders.ts, the
 * same rule as main's desktop reminders), counted and listed, each opening its details. Redrawn every
 * minute, so a key drops out the moment it ends.
 */
import { Alert, Anchor, Button, List, Text } from '@mantine/core';
import { useState } from 'react';
import { endingSoon, REMINDER_WINDOW_DAYS } from '@shared/key-reminders';
import type { KeyRow } from '@shared/ipc/contract';
import { useMinuteTick } from '../../../lib/use-minute-tick';
import { endOfLife } from '../table/key-status';

/** Beyond this many, the rest wait behind "Show all". */
const SHOWN_AT_FIRST = 5;

export function EndingSoonBanner({ keys, onOpen }: { keys: readonly KeyRow[]; onOpen: (key: KeyRow) => void }) {
  // The start of the current minute, as the table reads it, so both say the same.
  const now = useMinuteTick() * 60_000;
  const [showAll, setShowAll] = useState(false);
  const ending = endingSoon(keys, now);
  if (ending.length === 0) return null;
  const byId = new Map(keys.map((key) => [key.id, key]));
  const shown = showAll ? ending : ending.slice(0, SHOWN_AT_FIRST);
  const title = ending.length === 1 ? `1 key ends within ${REMINDER_WINDOW_DAYS} days` : `${ending.length} keys end within ${REMINDER_WINDOW_DAYS} days`;

  return (
    <Alert color="yellow" variant="light" title={title} role="region" aria-label={title}>
      <Text size="sm" mb={4}>
        Rotate them, or let them end if they are no longer needed.
      </Text>
      <List size="sm" spacing={2}>
        {shown.map((item) => {
          const key = byId.get(item.keyId);
          if (!key) return null;
          return (
            <List.Item key={item.keyId}>
              {/* The banner's own text colour (AA on its tint in both schemes); the underline marks the link. */}
              <Anchor component="button" type="button" size="sm" fw={600} c="inherit" onClick={() => onOpen(key)}>
                {item.keyName}
              </Anchor>{' '}
              — {endOfLife(key, now)?.text ?? (item.ends === 'expires' ? 'Expires soon' : 'Retires soon')}
            </List.Item>
          );
        })}
      </List>
      {ending.length > SHOWN_AT_FIRST && (
        <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setShowAll((all) => !all)} aria-expanded={showAll}>
          {showAll ? 'Show fewer' : `Show all ${ending.length}`}
        </Button>
      )}
    </Alert>
  );
}
