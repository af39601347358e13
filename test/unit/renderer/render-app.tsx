/** Renders the whole renderer app over a fake bridge, the way main.tsx does, with Mantine's test env. */
import { render } from '@testing-library/react';
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
