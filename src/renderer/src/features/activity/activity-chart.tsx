/**
 * Requests and refusals per UTC day as a bar chart, with its text alternative: a visible summary and
 * a "Show as table" button (keyboard reachable) that reveals every day's numbers. The chart itself is
 * hidden from assistive technology — the table says all it draws, and recharts' own keyboard layer
 * would only repeat it one tooltip at a time.
 */
import { BarChart } from '@mantine/charts';
import { Button, Stack, Table, Text } from '@mantine/core';
import type { ActivityDay } from '@shared/http/activity';
import { useId, useState } from 'react';
import { longDate, shortDate } from '../../lib/time';
import { activityTotals, countText, totalsSentence } from './activity-totals';

const SERIES = [
  { name: 'requests', label: 'Requests', color: 'var(--rk-activity-requests)' },
  { name: 'refused', label: 'Refused', color: 'var(--rk-activity-refused)' },
];

export function ActivityChart({ days }: { days: readonly ActivityDay[] }) {
  const [asTable, setAsTable] = useState(false);
  const tableId = useId();
  const totals = activityTotals(days);
  const data = days.map((day) => ({ day: shortDate(day.date), requests: day.requests, refused: day.refused }));

  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="activity-summary">
        {totalsSentence(totals, days.length)}
        {totals.last &&
          ` ${longDate(totals.last.date)}: ${countText(totals.last.requests, 'request', 'requests')}, ${totals.last.refused.toLocaleString()} refused.`}
      </Text>
      <div aria-hidden="true" data-testid="activity-chart">
        <BarChart
          h={180}
          data={data}
          dataKey="day"
          series={SERIES}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          tickLine="y"
          gridAxis="x"
          maxBarWidth={10}
          accessibilityLayer={false}
          xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 24 }}
          yAxisProps={{ allowDecimals: false, width: 40 }}
        />
      </div>
      <div>
        <Button variant="subtle" size="compact-sm" aria-expanded={asTable} aria-controls={tableId} onClick={() => setAsTable((shown) => !shown)}>
          {asTable ? 'Hide table' : 'Show as table'}
        </Button>
      </div>
      {/* Always in the document (hidden while folded), so the button's aria-controls names an element. */}
      <div id={tableId} hidden={!asTable}>
        <Table striped withTableBorder layout="fixed" fz="sm">
          <Table.Caption>Requests and refusals per day (UTC), oldest first</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Day</Table.Th>
              <Table.Th scope="col" ta="right">
                Requests
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Refused
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.map((day) => (
              <Table.Tr key={day.date}>
                <Table.Th scope="row" fw="normal">
                  <time dateTime={day.date}>{longDate(day.date)}</time>
                </Table.Th>
                <Table.Td ta="right">{day.requests.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{day.refused.toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
