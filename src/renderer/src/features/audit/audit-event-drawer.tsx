/** One audit event: what happened, who did it (and through which key), when, about what, and its details. */
import { Drawer, Stack, Table, Text, Title } from '@mantine/core';
import type { AuditEventDto } from '@shared/http/api-keys';
import { exact, relative } from '../../lib/time';
import { ACTION_LABEL, ACTION_TEXT } from './action-labels';
import { DetailsTable } from './event-details';
import { targetKind } from './event-text';
import './audit-log.css';

const ACTOR_KIND: Record<AuditEventDto['actor']['type'], string> = {
  person: 'Person',
  apiKey: 'API key',
  system: 'The server’s operator (command line)',
};

export function AuditEventDrawer({ event, onClose }: { event: AuditEventDto; onClose: () => void }) {
  const what = `${ACTION_TEXT[event.action]}${event.target.name ? ` “${event.target.name}”` : ''}`;
  return (
    <Drawer.Root opened onClose={onClose} position="right" size="lg">
      <Drawer.Overlay />
      <Drawer.Content>
        {/* A <div> header: Mantine's <header> would be a second banner landmark. */}
        <Drawer.Header component="div">
          <Drawer.Title>{ACTION_LABEL[event.action]}</Drawer.Title>
          <Drawer.CloseButton aria-label="Close event details" />
        </Drawer.Header>
        <Drawer.Body>
          <Stack gap="lg">
            <Text size="sm">{what}</Text>
            <Table variant="vertical" layout="fixed" withTableBorder aria-label="Event facts" fz="sm">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={160}>When</Table.Th>
                  <Table.Td>
                    <time dateTime={event.occurredAt}>{exact(event.occurredAt)}</time> ({relative(event.occurredAt)})
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Who</Table.Th>
                  <Table.Td>
                    {event.actor.name}
                    <Text size="xs" c="dimmed">
                      {ACTOR_KIND[event.actor.type]} · <span className="rk-audit-mono">{event.actor.id}</span>
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {event.actor.viaKey && (
                  <Table.Tr>
                    <Table.Th>Through key</Table.Th>
                    <Table.Td>
                      {event.actor.viaKey.name}
                      <Text size="xs" c="dimmed">
                        Acting on behalf of {event.actor.name} · <span className="rk-audit-mono">{event.actor.viaKey.id}</span>
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                <Table.Tr>
                  <Table.Th>About</Table.Th>
                  <Table.Td>
                    {targetKind(event)}
                    {event.target.name ? ` “${event.target.name}”` : ''}
                    <Text size="xs" c="dimmed">
                      <span className="rk-audit-mono">{event.target.id}</span>
                    </Text>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Td>
                    <span className="rk-audit-mono">{event.id}</span>
                    <Text size="xs" c="dimmed">
                      {event.action}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <section aria-labelledby="audit-event-details">
              <Title order={3} size="h4" id="audit-event-details" mb="xs">
                Details
              </Title>
              {event.details ? (
                <DetailsTable details={event.details} />
              ) : (
                <Text size="sm" c="dimmed">
                  No details were recorded.
                </Text>
              )}
            </section>
          </Stack>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}
