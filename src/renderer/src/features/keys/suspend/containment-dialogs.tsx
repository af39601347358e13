/** The suspend and resume dialogs of a page, drawn for the request made from any of its rows or panels. */
import { useEffect } from 'react';
import { closeContainmentRequest, useContainmentRequest } from './containment-requests';
import { ResumeDialog } from './resume-dialog';
import { SuspendDialog } from './suspend-dialog';

export function ContainmentDialogs({ offline }: { offline: boolean }) {
  const request = useContainmentRequest();
  // A request belongs to the page that drew it: leaving the page forgets it.
  useEffect(() => closeContainmentRequest, []);
  if (!request) return null;
  if (request.kind === 'resume') return <ResumeDialog target={request.target} offline={offline} onClose={closeContainmentRequest} />;
  return <SuspendDialog targets={request.targets} offline={offline} onClose={closeContainmentRequest} onDone={request.onDone} />;
}
