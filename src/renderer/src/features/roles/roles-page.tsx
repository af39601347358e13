/**
 * Roles and permissions: what each capability lets a key (or a person) do, grouped as in the create
 * dialog, and which roles hold it. Read-only: roles come from the organization's identity provider.
 */
import { Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { CAPABILITY_GROUPS, ROLES, ROLE_LABELS } from '@shared/capabilities';
import { markReady } from '../../lib/ipc';
import { useCatalog } from '../keys/hooks';

export function RolesPage() {
  const catalog = useCatalog();
  const items = catalog.data?.items ?? [];
  const loaded = catalog.isSuccess && !catalog.isPlaceholderData;
  useEffect(() => {
    if (loaded) markReady();
  }, [loaded]);
  return (
    <Stack gap="lg" className="rk-page-scroll">
      <div>
        <Title order={1}>Roles and permissions</Title>
        <Text size="sm" c="dimmed" maw={720}>
          What each permission lets a key or a person do, and which of the four roles hold it. API keys get only the permissions ticked when they are created.
          Roles come from your organization's identity provider and can't be changed here.
        </Text>
      </div>
      {CAPABILITY_GROUPS.map((group) => {
        const rows = items.filter((item) => item.group === group);
        const headingId = `roles-${group.replace(/\W+/g, '-').toLowerCase()}`;
        return (
          <section key={group} aria-labelledby={headingId}>
            <Title order={2} size="h3" id={headingId} mb="xs">
              {group}
            </Title>
            <Table withTableBorder striped aria-labelledby={headingId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Permission</Table.Th>
                  <Table.Th scope="col">What it allows</Table.Th>
                  {ROLES.map((role) => (
                    <Table.Th key={role} scope="col" ta="center" w={90}>
                      {ROLE_LABELS[role]}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((item) => (
                  <Table.Tr key={item.slug}>
                    <Table.Th scope="row" fw={500}>
                      {item.label}
                      <Text size="xs" c="dimmed" ff="monospace">
                        {item.slug}
                      </Text>
                    </Table.Th>
                    <Table.Td>{item.meaning}</Table.Td>
                    {ROLES.map((role) => {
                      const held = item.roles.includes(role);
                      return (
                        <Table.Td key={role} ta="center">
                          <span aria-hidden>{held ? '✓' : '—'}</span>
                          <span className="rk-visually-hidden">{held ? 'Yes' : 'No'}</span>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        );
      })}
    </Stack>
  );
}
