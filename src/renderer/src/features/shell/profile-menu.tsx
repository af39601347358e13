/**
 * The current server and organization at the top of the sidebar, and switching between saved
 * profiles. Main reloads the window after a switch, so nothing from one organization carries over.
 */
import { Menu, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { ConnectionState } from '@shared/ipc/contract';
import { AppModal } from '../../components/app-modal';
import { ConnectForm } from '../connection/connect-form';
import { useDisconnect, useProfiles, useSwitchProfile } from '../connection/hooks';

export function ProfileMenu({ connection }: { connection: ConnectionState }) {
  const profiles = useProfiles();
  const switchProfile = useSwitchProfile();
  const disconnect = useDisconnect();
  const [adding, setAdding] = useState(false);
  const profile = connection.profile;
  const others = (profiles.data?.profiles ?? []).filter((p) => p.id !== profile?.id);
  const organization = profile?.organization?.name ?? 'Unknown organization';
  const server = profile?.isLocal ? 'Local server' : (profile?.serverUrl ?? '');

  return (
    <>
      <Menu position="bottom-start" width={280} withinPortal>
        <Menu.Target>
          <UnstyledButton className="rk-profile">
            <Text fw={600} size="sm" truncate>
              {organization}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {server}
            </Text>
            <span className="rk-visually-hidden">Switch server or organization</span>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          {others.length > 0 && <Menu.Label>Switch to</Menu.Label>}
          {others.map((other) => (
            <Menu.Item key={other.id} onClick={() => switchProfile.mutate(other.id)}>
              {other.organization?.name ?? other.serverUrl}
              <Text size="xs" c="dimmed" component="span" display="block">
                {other.isLocal ? 'Local server' : other.serverUrl}
              </Text>
            </Menu.Item>
          ))}
          {others.length > 0 && <Menu.Divider />}
          <Menu.Item onClick={() => setAdding(true)}>Connect to another server…</Menu.Item>
          <Menu.Item color="red" onClick={() => disconnect.mutate()}>
            Sign out of this server
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <AppModal opened={adding} onClose={() => setAdding(false)} title="Connect to another server">
        <ConnectForm onConnected={() => setAdding(false)} />
      </AppModal>
    </>
  );
}
