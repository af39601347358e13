/**
 * The clipboard formats that tell clipboard managers, clipboard history and cloud clipboard to leave
 * a copied secret alone, per platform:
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org convention, honoured by Alfred, Maccy, Paste…);
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (any data) plus `CanIncludeInClipboardHistory`
 *   and `CanUploadToCloudClipboard` set to a DWORD 0 (Windows clipboard history / cloud sync);
 * - Linux: `x-kde-passwordManagerHint` = "secret" (Klipper and other KDE/X11 managers).
 * Returns raw payloads; the Electron adapter wraps them as `electron application/osclipboard;format="…"`.
 */
export function concealmentMarkers(platform: NodeJS.Platform): Record<string, Uint8Array> {
  const dwordZero = new Uint8Array(4);
  switch (platform) {
    case 'darwin':
      return { 'org.nspasteboard.ConcealedType': new Uint8Array(0) };
    case 'win32':
      return {
        ExcludeClipboardContentFromMonitorProcessing: new Uint8Array(1),
        CanIncludeInClipboardHistory: dwordZero,
        CanUploadToCloudClipboard: dwordZero.slice(),
      };
    default:
      return { 'x-kde-passwordManagerHint': new TextEncoder().encode('secret') };
  }
}

/** The Electron ClipboardItem key for a raw platform format. */
export function osClipboardFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}
