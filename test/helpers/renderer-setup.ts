/**
 * Setup for the `renderer` Vitest project (happy-dom): jest-dom matchers, cleanup between tests
 * (Vitest runs without globals, so Testing Library cannot register it itself), no notification left
 * over, and a fresh window
 * without any bridge or hash left over from the previous test.
 */
import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

// Mantine reads the OS colour scheme through matchMedia; answer "light" unless a test says otherwise.
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

beforeEach(() => {
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  // Mantine's notification store is module state: without this, one test's notifications (up to the
  // limit of 4 on screen) outlive it and queue the next test's out of sight.
  notifications.clean();
  delete (window as unknown as Record<string, unknown>).rakerone;
  document.documentElement.removeAttribute('data-rakerone-ready');
});
