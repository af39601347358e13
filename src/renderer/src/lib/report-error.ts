/**
 * One place that turns a shared error code into what the person sees (one error shape from server to screen):
 * VALIDATION stays on the form's fields (the caller maps `details.issues`), UNAUTHORIZED goes to the
 * sign-in screen, network trouble is worded as offline (a server that is up but cannot serve as temporarily unavailable), keychain trouble carries its hint.
 */
import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import type { AppErrorDto } from '@shared/errors';
import { toAppError } from './ipc';
import { markSignInRequired } from './query-client';

export function describeError(error: AppErrorDto): { title: string; message: string } {
  switch (error.code) {
    case 'NETWORK':
    case 'TIMEOUT':
      return { title: "Can't reach the server", message: 'RakerOne Admin is offline. It keeps trying and catches up once it reconnects.' };
    case 'UNAVAILABLE':
      return { title: 'RakerOne is temporarily unavailable', message: 'RakerOne Admin keeps trying and catches up once RakerOne is back.' };
    case 'FORBIDDEN':
      return { title: "You don't have permission to do this", message: error.message };
    case 'KEYCHAIN':
      return { title: "Couldn't use the system keychain", message: error.details?.hint ? `${error.message} ${error.details.hint}` : error.message };
    case 'RATE_LIMITED': {
      const seconds = error.details?.retryAfterSeconds;
      return { title: 'Too many requests', message: seconds ? `${error.message} Try again in ${seconds} seconds.` : error.message };
    }
    case 'NOT_FOUND':
      return { title: 'Not found', message: error.message };
    case 'CONFLICT':
      return { title: 'That conflicts with a recent change', message: error.message };
    case 'VALIDATION':
      return { title: 'Check the highlighted fields', message: error.message };
    default:
      return { title: 'Something went wrong', message: error.message };
  }
}

/** Field errors keyed by the first segment of each issue's path (`name`, `capabilities`…). */
export function fieldErrors(error: AppErrorDto): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.details?.issues ?? []) {
    const field = issue.path.split('.')[0] || 'form';
    result[field] ??= issue.message;
  }
  return result;
}

/** Shows an error that has no field to sit on. Returns the shared error for callers that need the code. */
export function reportError(raw: unknown, client: QueryClient): AppErrorDto {
  const error = toAppError(raw);
  if (error.code === 'UNAUTHORIZED') {
    markSignInRequired(client);
    return error;
  }
  const { title, message } = describeError(error);
  notifications.show({
    title,
    message,
    color: error.code === 'NETWORK' || error.code === 'TIMEOUT' || error.code === 'UNAVAILABLE' ? 'yellow' : 'red',
    autoClose: error.code === 'KEYCHAIN' ? false : 8000,
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
  });
  return error;
}
