/**
 * The empty states: no keys at all (the product's wording), every key revoked (hidden by the default
 * Status filter), or none matching the search and filters the person set.
 */
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled empty state with a line of explanation and one action. */
function EmptyState({ title, children, action }: { title: string; children: ReactNode; action: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="sm">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text size="sm" c="dimmed" ta="center" maw={460}>
          {children}
        </Text>
        {action}
      </Stack>
    </Paper>
  );
}

export function KeysEmpty({ onCreate }: { onCreate: () => void }) {
  return (
    <EmptyState
      title="No API keys yet"
      action={
        <Button variant="light" onClick={onCreate}>
          Create your first API key
        </Button>
      }
    >
      Create a key to let a script, an integration or another app work with RakerOne on its own.
    </EmptyState>
  );
}

export function KeysNoMatch({ onClear }: { onClear: () => void }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="sm">
        <Text fw={500}>No keys match your search and filters.</Text>
        <Button variant="default" onClick={onClear}>
          Clear filters
        </Button>
      </Stack>
    </Paper>
  );
}

/** Every key is revoked: say so rather than blame a filter nobody set. */
export function KeysAllRevoked({ revokedCount, onShowRevoked }: { revokedCount: number; onShowRevoked: () => void }) {
  return (
    <EmptyState
      title="No active API keys"
      action={
        <Button variant="default" onClick={onShowRevoked}>
          Show revoked keys
        </Button>
      }
    >
      {revokedCount === 1 ? 'The only key in your organization is revoked' : `All ${revokedCount} keys in your organization are revoked`}: revoked keys no
      longer work and are hidden by default.
    </EmptyState>
  );
}
