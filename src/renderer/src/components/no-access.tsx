/** What anyone who is not an Admin sees on an admin page (the product's exact sentence). */
import { Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { markReady } from '../lib/ipc';

export const NO_ACCESS_TEXT = "You don't have access to this page. Ask an admin if you need it.";

export function NoAccess() {
  useEffect(() => markReady(), []);
  return (
    <Paper withBorder p="xl" radius="md" maw={560}>
      <Stack gap="xs">
        <Title order={1} size="h2">
          No access
        </Title>
        <Text>{NO_ACCESS_TEXT}</Text>
      </Stack>
    </Paper>
  );
}
