/**
 * Everything about one key: status, hint, who made it and when, last use, every capability it holds
 * with its meaning, and recent audit events; plus Rotate and Revoke.
 *
 * The key's facts and status come from the list's row (`keyRow`), which is refreshed every 20 s and
 * on main's events; `keys:details` is asked only for what the list lacks, the audit events. Its copy
 * of the row is not refreshed by the list's polling, so preferring it could show a key another admin
 * revoked as Active, with a Revoke button.
 */
import { Alert, Badge, Button, Drawer, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { getCapability, sortCapabilities, type CapabilitySlug } from '@shared/capabilities';
import type { KeyRow } from '@shared/ipc/contract';
import { ACTION_TEXT } from '@shared/wording/audit-actions';
import { When } from '../../../components/when';
import { KeyActivitySection } from '../../activity/key-activity-section';
import { actorText } from '../../../lib/actor-text';
import { toAppError } from '../../../lib/ipc';
import { exact, relative } from '../../../lib/time';
import { CancelRetirementButton } from '../retirement/cancel-retirement';
import { useKeyDetails } from '../hooks';
import { byUrgency, flagDetail } from '../table/key-flags';
import { narrowerReplacement } from './narrower-replacement';
import { NarrowerReplacementButton, PermissionLastUse, UsageNote } from './usage-details';
import { AllowedAddressesPanel } from '../../containment/allowed-addresses/allowed-addresses-panel';
import { STATUS_TEXT, canRevoke, canRotate, retirementText, rowStatus, statusExplanation } from '../table/key-status';
import { DrawerContainmentAction } from '../suspend/containment-actions';

interface Props {
  keyRow: KeyRow;
  onClose: () => void;
  onRotate: (key: KeyRow) => void;
  /** "Create a narrower replacement": a rotation prefilled with only the permissions used. */
  onNarrow: (key: KeyRow, narrowTo: { capabilities: CapabilitySlug[]; canImpersonate: boolean }) => void;
  onRevoke: (key: KeyRow) => void;
}

export function KeyDetailsDrawer({ keyRow: key, onClose, onRotate, onNarrow, onRevoke }: Props) {
  const details = useKeyDetails(key.id);
  const status = rowStatus(key);
  const capabilities = sortCapabilities(key.capabilities).map(getCapability);
  const usage = details.data?.usage ?? null;
  const lastUse = new Map<string, string | null>(usage?.capabilities.map((entry) => [entry.capability, entry.lastUsedAt]));
  const flags = byUrgency(key.flags);

  return (
    <Drawer.Root opened onClose={onClose} position="right" size="lg">
      <Drawer.Overlay />
      <Drawer.Content>
        {/* A <div> header: Mantine's <header> would be a second banner landmark. */}
        <Drawer.Header component="div">
          <Drawer.Title>{key.name}</Drawer.Title>
          <Drawer.CloseButton aria-label="Close details" />
        </Drawer.Header>
        <Drawer.Body>
          <Stack gap="lg">
            <Table variant="vertical" layout="fixed" withTableBorder aria-label="Key facts">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={140}>Status</Table.Th>
                  <Table.Td>
                    <Badge color={STATUS_TEXT[status].color} variant="outline" tt="none">
                      {STATUS_TEXT[status].label}
                    </Badge>
                    <Text size="sm" mt={4}>
                      {statusExplanation(key)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {flags.length > 0 && (
                  <Table.Tr>
                    <Table.Th>Needs attention</Table.Th>
                    <Table.Td>{flags.map(flagDetail).join('; ')}</Table.Td>
                  </Table.Tr>
                )}
                <Table.Tr>
                  <Table.Th>Hint</Table.Th>
                  <Table.Td ff="monospace">{key.hint}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Created by</Table.Th>
                  <Table.Td>{key.createdBy?.name ?? 'Unknown'}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Created</Table.Th>
                  <Table.Td>{exact(key.createdAt)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Last used</Table.Th>
                  <Table.Td>{key.lastUsedAt ? exact(key.lastUsedAt) : 'Never'}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Expires</Table.Th>
                  <Table.Td>{key.expiresAt ? `${exact(key.expiresAt)} (${relative(key.expiresAt)})` : 'Never'}</Table.Td>
                </Table.Tr>
                {key.scheduledRevocation && key.revokedAt === null && (
                  <Table.Tr>
                    <Table.Th>Retires</Table.Th>
                    <Table.Td>{retirementText(key.scheduledRevocation)}</Table.Td>
                  </Table.Tr>
                )}
                {key.revokedAt && (
                  <Table.Tr>
                    <Table.Th>Revoked</Table.Th>
                    <Table.Td>{exact(key.revokedAt)}</Table.Td>
                  </Table.Tr>
                )}
                <Table.Tr>
                  <Table.Th>Can impersonate users</Table.Th>
                  <Table.Td>
                    {key.canImpersonate ? 'Yes: it can act on behalf of a named user' : 'No'}
                    {key.canImpersonate && usage && (
                      <Text size="sm" c="dimmed">
                        Last acted as a person: <PermissionLastUse iso={usage.impersonation.lastUsedAt} />
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>

            <AllowedAddressesPanel keyRow={key} editable={canRevoke(key)} />

            <section aria-labelledby="details-permissions">
              <Title order={3} size="h4" id="details-permissions" mb="xs">
                Permissions
              </Title>
              {!details.isPending && <UsageNote usage={usage} />}
              {capabilities.length === 0 ? (
                <Text size="sm">No permissions</Text>
              ) : (
                <List spacing="xs">
                  {capabilities.map((capability) => (
                    <List.Item key={capability.slug}>
                      <Text size="sm" fw={500} component="span">
                        {capability.label}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {capability.meaning} <span className="rk-mono">({capability.group})</span>
                      </Text>
                      {usage && lastUse.has(capability.slug) && (
                        <Text size="sm">
                          Last used: <PermissionLastUse iso={lastUse.get(capability.slug) ?? null} />
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              )}
            </section>

            <KeyActivitySection keyRow={key} />

            {/* What was done to and with the key (the audit log); Activity above is its requests. */}
            <section aria-labelledby="details-audit">
              <Title order={3} size="h4" id="details-audit" mb="xs">
                Audit events
              </Title>
              {details.isPending && <Loader size="sm" aria-label="Loading audit events" />}
              {details.isError && <Alert color="red">{toAppError(details.error).message}</Alert>}
              {details.data && !details.data.auditAvailable && (
                <Text size="sm" c="dimmed">
                  Audit events aren't available while RakerOne Admin is offline.
                </Text>
              )}
              {details.data?.auditAvailable && details.data.auditEvents.length === 0 && <Text size="sm">No audit events yet.</Text>}
              {details.data?.auditAvailable && details.data.auditEvents.length > 0 && (
                <List spacing="xs" aria-label="Recent audit events">
                  {details.data.auditEvents.map((event) => (
                    <List.Item key={event.id}>
                      <Text size="sm" component="span">
                        {ACTION_TEXT[event.action]}
                        {event.target.name ? ` “${event.target.name}”` : ''} — {actorText(event)}, <When iso={event.occurredAt} />
                      </Text>
                    </List.Item>
                  ))}
                </List>
              )}
            </section>
          </Stack>
        </Drawer.Body>
        {/* The actions stay in view at the foot of the drawer (sticky), however long the facts and
            activity above them: on a small window they were half below its edge. */}
        <Group className="rk-drawer-footer" align="flex-start" gap="sm" role="group" aria-label="Key actions">
          {canRotate(key) && (
            <Button onClick={() => onRotate(key)} variant="default">
              Rotate key
            </Button>
          )}
          {canRotate(key) && !details.isPending && (
            <NarrowerReplacementButton narrowing={narrowerReplacement(key, usage)} onStart={(narrowTo) => onNarrow(key, narrowTo)} />
          )}
          <CancelRetirementButton keyRow={key} />
          <DrawerContainmentAction keyRow={key} />
          {canRevoke(key) && (
            <Button color="red" variant="default" onClick={() => onRevoke(key)}>
              Revoke
            </Button>
          )}
        </Group>
      </Drawer.Content>
    </Drawer.Root>
  );
}
