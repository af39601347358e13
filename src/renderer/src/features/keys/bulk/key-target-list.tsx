/** The keys a confirmation acts on, by name and hint, scrolled when long (bulk revoke and suspend dialogs). */
import { List, ScrollArea, Text } from '@mantine/core';

export interface KeyTarget {
  id: string;
  name: string;
  hint: string;
}

export function KeyTargetList({ label, targets, maxHeight }: { label: string; targets: readonly KeyTarget[]; maxHeight: number }) {
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" offsetScrollbars>
      <List aria-label={label} spacing={4} size="sm" listStyleType="none">
        {targets.map((target) => (
          <List.Item key={target.id}>
            <Text span size="sm" fw={500}>
              {target.name}
            </Text>{' '}
            <Text span size="sm" c="dimmed" ff="monospace">
              {target.hint}
            </Text>
          </List.Item>
        ))}
      </List>
    </ScrollArea.Autosize>
  );
}
