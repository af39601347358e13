/** A full-window error for states the app cannot work in (no bridge, main not answering). */
import { Alert, Center, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function ErrorScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center component="main" mih="100dvh" p="md">
      <Stack maw={560}>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Alert color="red" role="alert">
          {children}
        </Alert>
      </Stack>
    </Center>
  );
}
