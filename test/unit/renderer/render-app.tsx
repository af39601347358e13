/** Renders the whole renderer app over a fake bridge, the way main.tsx does, with Mantine's test env. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../src/renderer/src/app';
import { createQueryClient } from '../../../src/renderer/src/lib/query-client';
import { Providers } from '../../../src/renderer/src/providers';
import { createFakeBridge, type FakeBridge, type FakeScenario } from '../../helpers/fake-bridge';

export function renderApp(scenario: FakeScenario = {}): { fake: FakeBridge; user: ReturnType<typeof userEvent.setup> } {
  const fake = createFakeBridge(scenario);
  (window as unknown as Record<string, unknown>).rakerone = fake.bridge;
  const user = userEvent.setup();
  render(
    <Providers client={createQueryClient()} env="test">
      <App />
    </Providers>,
  );
  return { fake, user };
}

/**
 * Sets one of the filters behind the keys page's Filters menu (Permission, Impersonation, Last used,
 * Created by), as a person does: open the menu if it is closed, pick the option.
 */
export async function chooseMenuFilter(user: ReturnType<typeof userEvent.setup>, label: string, option: string): Promise<void> {
  if (!screen.queryByRole('dialog', { name: /^Filters/ })) await user.click(screen.getByRole('button', { name: /^Filters/ }));
  const menu = await screen.findByRole('dialog', { name: /^Filters/ });
  await user.selectOptions(within(menu).getByRole('combobox', { name: label }), option);
}
