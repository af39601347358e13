/**
 * "Export" → CSV / JSON. Main opens the native save dialog and writes the file; this menu only says
 * which format, then tells where the file went (or nothing at all when the dialog was cancelled).
 * Generic over what is exported: the keys page passes the rows of its filter, the audit page its filter.
 */
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ExportFormat, ExportResult } from '@shared/ipc/export';
import { reportError } from '../../lib/report-error';
import { exportedText } from './exported-text';

interface Props {
  /** What will be exported, e.g. "12 keys" (the button's title). */
  what: string;
  /** The noun of one row and of several, for the notice ("key" / "keys"). */
  noun: { one: string; many: string };
  /** Asks main to export in this format. */
  run: (format: ExportFormat) => Promise<ExportResult>;
  disabled?: boolean;
}

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
];

export function ExportMenu({ what, noun, run, disabled = false }: Props) {
  const client = useQueryClient();
  const exporting = useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      if (result.status === 'cancelled') return;
      notifications.show({
        title: 'Export saved',
        message: exportedText(result, noun),
        closeButtonProps: { 'aria-label': 'Dismiss notification' },
      });
    },
    onError: (error) => reportError(error, client),
  });

  return (
    // No initial-focus placeholder: Mantine's is a focusable role="presentation" div inside role=menu,
    // which axe reports (aria-required-children). Focus goes to the menu; arrow keys reach the items.
    <Menu position="bottom-end" shadow="md" withInitialFocusPlaceholder={false} disabled={disabled || exporting.isPending}>
      <Menu.Target>
        {/* What is exported is the button's title (its description), not a heading inside the menu:
            role=menu may own menu items only (axe: aria-required-children). */}
        <Button variant="default" loading={exporting.isPending} disabled={disabled} title={`Export ${what}`}>
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {FORMATS.map(({ format, label }) => (
          <Menu.Item key={format} onClick={() => exporting.mutate(format)}>
            {label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
