/**
 * The app's keyboard shortcuts, in one table: the hotkey handlers, the tooltips, the
 * aria-keyshortcuts attributes and the shortcuts help all read from here so they never disagree.
 */
export type ShortcutId = 'createKey' | 'search' | 'keysPage' | 'rolesPage' | 'syncNow' | 'help';

interface Shortcut {
  /** Mantine useHotkeys syntax; `mod` is ⌘ on macOS and Ctrl elsewhere. */
  hotkey: string;
  description: string;
}

export const SHORTCUTS: Record<ShortcutId, Shortcut> = {
  createKey: { hotkey: 'mod+N', description: 'Create API key' },
  search: { hotkey: 'mod+F', description: 'Search keys by name' },
  keysPage: { hotkey: 'mod+1', description: 'Go to API keys' },
  rolesPage: { hotkey: 'mod+2', description: 'Go to Roles' },
  syncNow: { hotkey: 'mod+shift+S', description: 'Sync now' },
  help: { hotkey: 'shift+?', description: 'Show keyboard shortcuts' },
};

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** The value for aria-keyshortcuts (WAI-ARIA names: Control, Meta, Alt, Shift). */
export function ariaKeyShortcut(id: ShortcutId): string {
  return SHORTCUTS[id].hotkey
    .split('+')
    .map((part) => {
      switch (part.toLowerCase()) {
        case 'mod':
          return isMac() ? 'Meta' : 'Control';
        case 'alt':
          return 'Alt';
        case 'shift':
          return 'Shift';
        default:
          return part.length === 1 ? part.toUpperCase() : part;
      }
    })
    .join('+');
}

/** The keys as printed in tooltips and the help: ⌘ ⌥ ⇧ on macOS, Ctrl Alt Shift elsewhere. */
export function shortcutKeys(id: ShortcutId): string[] {
  const mac = isMac();
  return SHORTCUTS[id].hotkey.split('+').map((part) => {
    switch (part.toLowerCase()) {
      case 'mod':
        return mac ? '⌘' : 'Ctrl';
      case 'alt':
        return mac ? '⌥' : 'Alt';
      case 'shift':
        return mac ? '⇧' : 'Shift';
      default:
        return part.toUpperCase();
    }
  });
}

export function shortcutLabel(id: ShortcutId): string {
  return shortcutKeys(id).join(isMac() ? '' : '+');
}
