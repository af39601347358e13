/**
 * Mantine's Modal, assembled from its parts so that: its header is a <div> (Mantine's <header> would
 * be a second "banner" landmark next to the app's top bar), the close button is labelled, and the
 * copy screen can drop the close button entirely.
 */
import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  opened?: boolean;
  title: ReactNode;
  onClose: () => void;
  /** False on the copy screen: no close button, and Escape / outside clicks do nothing. */
  dismissable?: boolean;
  size?: string;
  children: ReactNode;
  'data-step'?: string;
}

export function AppModal({ opened = true, title, onClose, dismissable = true, size = 'md', children, ...rest }: Props) {
  return (
    <Modal.Root opened={opened} onClose={dismissable ? onClose : () => {}} closeOnClickOutside={dismissable} closeOnEscape={dismissable} size={size} {...rest}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title>{title}</Modal.Title>
          {dismissable && <Modal.CloseButton aria-label="Close" />}
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
