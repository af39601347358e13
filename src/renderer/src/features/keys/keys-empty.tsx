/** The empty states: no keys at all (the product's wording), or none matching the search and filters. */
import { Button, Paper, Stack, Text, Title } from '@mantine/core';

export function KeysEmpty({ onCreate }: { onCreate: () => void }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack align="center" gap="sm">
        <Title order={2} size="h3">
          No API keys yet
        </Title>
        <Text size="sm" c="dimmed" ta="center" maw={460}>
          Create a key to let a script, an integration or another app work with RakerOne on its own.
        </Text>
        <Button variant="light" onClick={onCreate}>
          Create your first API key
        </Button>
      </Stack>
    </Paper>
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
