/**
 * The drawer's "Allowed addresses" section: the key's list ("From any address" when it has none), what
 * is pending, and — for a key that works — "Edit allowed addresses", which opens the editor with the
 * key's activity at hand (the sources it fills from and warns about).
 */
import { FROM_ANY_ADDRESS } from '@shared/wording/allowed-addresses';
import { Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { KeyRow } from '@shared/ipc/contract';
import { useActivitySources } from './activity-sources';
import { AddressesEditor } from './addresses-editor';
import { useSetAllowedAddresses } from './allowed-addresses-hooks';

interface Props {
  keyRow: KeyRow;
  /** The key works and is not on its way out: its list may be changed (the keys feature decides). */
  editable: boolean;
}

export function AllowedAddressesPanel({ keyRow: key, editable }: Props) {
  const [editing, setEditing] = useState(false);
  const save = useSetAllowedAddresses(() => setEditing(false));
  const activity = useActivitySources(key);
  const list = key.allowedAddresses;
  // Its own flag, not `pending`: a queued revoke or suspend may own the row's pending action.
  const pending = key.allowedAddressesPending;
  return (
    <section aria-labelledby="details-allowed-addresses">
      <Title order={3} size="h4" id="details-allowed-addresses" mb="xs">
        Allowed addresses
      </Title>
      {editing ? (
        <AddressesEditor
          current={list}
          activity={activity}
          saving={save.isPending}
          onSave={(next) => save.run(key.id, next)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Stack gap="xs">
          {list === null ? (
            <Text size="sm">{FROM_ANY_ADDRESS}</Text>
          ) : (
            <List size="sm" spacing={2} aria-label="Allowed addresses" className="rk-mono">
              {list.map((block) => (
                <List.Item key={block}>{block}</List.Item>
              ))}
            </List>
          )}
          {pending && (
            <Text size="sm" c="dimmed">
              {list === null ? 'Opening the key to any address' : 'This list'} reaches RakerOne once RakerOne Admin reconnects; until then the key keeps the
              addresses it allowed before.
            </Text>
          )}
          {editable && (
            <Group>
              <Button variant="default" size="xs" onClick={() => setEditing(true)}>
                Edit allowed addresses
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </section>
  );
}
