/** The list of keyboard shortcuts, from the same table the handlers use. */
import { Group, Kbd, Table } from '@mantine/core';
import { AppModal } from '../../components/app-modal';
import { SHORTCUTS, shortcutKeys, type ShortcutId } from '../../lib/shortcuts';

export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <AppModal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Table aria-label="Keyboard shortcuts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Keys</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(Object.keys(SHORTCUTS) as ShortcutId[]).map((id) => (
            <Table.Tr key={id}>
              <Table.Td>{SHORTCUTS[id].description}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {shortcutKeys(id).map((key) => (
                    <Kbd key={key}>{key}</Kbd>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>Close a dialog (except while a new key is shown)</Table.Td>
            <Table.Td>
              <Kbd>Esc</Kbd>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </AppModal>
  );
}
