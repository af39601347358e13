/**
 * The browser's own copy must never take the key. The key field does not select itself,
 * Ctrl+C / Edit → Copy / cut on it are routed to main's `copy-screen:copy` (concealment formats and the
 * timed clear), and on Linux, where a selection lands in the PRIMARY selection, it cannot be selected.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeKey } from '../../../../../helpers/fake-bridge';
import { renderApp } from '../../../render-app';

async function openCopyScreen() {
  const context = renderApp({ keys: [makeKey({ name: 'Existing' })] });
  await context.user.click(await screen.findByRole('button', { name: 'Create API key' }));
  const form = screen.getByRole('dialog', { name: 'Create API key' });
  await context.user.type(within(form).getByRole('textbox', { name: /Name/ }), 'Data import service');
  await context.user.click(within(form).getByRole('button', { name: 'Create key' }));
  const copy = await screen.findByRole('dialog', { name: 'Copy your API key' });
  const field = within(copy).getByLabelText('API key') as HTMLInputElement;
  return { ...context, copy, field };
}

afterEach(() => vi.restoreAllMocks());

describe('copy screen: every copy of the key goes through main', () => {
  it('focusing or clicking the key field does not select the key', async () => {
    const { user, field } = await openCopyScreen();
    await user.click(field);
    expect(field).toHaveFocus();
    expect(field.selectionEnd! - field.selectionStart!).toBe(0);
  });

  it('a native copy or cut on the key field is cancelled and becomes copy-screen:copy', async () => {
    const { fake, field, copy } = await openCopyScreen();
    const nativeCopy = fireEvent.copy(field);
    expect(nativeCopy).toBe(false); // default prevented: nothing reaches the clipboard this way
    await waitFor(() => expect(fake.callsTo('copy-screen:copy')).toHaveLength(1));
    expect(await within(copy).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(fireEvent.cut(field)).toBe(false);
    await waitFor(() => expect(fake.callsTo('copy-screen:copy')).toHaveLength(2));
  });

  it('on Linux a selection in the key field is collapsed at once (it would fill PRIMARY)', async () => {
    vi.spyOn(navigator, 'platform', 'get').mockReturnValue('Linux x86_64');
    const { field } = await openCopyScreen();
    field.setSelectionRange(0, field.value.length);
    fireEvent.select(field);
    expect(field.selectionEnd! - field.selectionStart!).toBe(0);
  });

  it('elsewhere the key can still be selected for reading', async () => {
    vi.spyOn(navigator, 'platform', 'get').mockReturnValue('MacIntel');
    const { field } = await openCopyScreen();
    field.setSelectionRange(0, field.value.length);
    fireEvent.select(field);
    expect(field.selectionEnd! - field.selectionStart!).toBe(field.value.length);
  });
});
