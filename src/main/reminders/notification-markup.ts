/**
 * What a desktop notification's title and body may hold, per platform. On Linux, Electron hands both
 * to libnotify as they are (`notify_notification_new(title, body)`), and libnotify to the
 * notification daemon. The Desktop Notifications Specification lets the body carry markup (`<b>`,
 * `<i>`, `<u>`, `<a href>`, `<img src>`) that daemons with the `body-markup` capability render — so a
 * key named `<a href="https://evil.example">Rotate now</a>` would become a link, and `<img src>` can
 * make the daemon load a file or a URL. The summary (our title) is plain text by the specification,
 * but some daemons insert it into a markup format string.
 *
 * So on Linux:
 * - the body is XML-escaped (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`), as the specification expects
 *   of text meant literally (Chromium's and Signal Desktop's Linux notifications do the same);
 * - the title gets look-alike characters for `&`, `<` and `>` (＆ ‹ ›) instead of entities: a daemon
 *   that follows the specification shows the title as plain text, where `&lt;` would appear as
 *   written, and one that renders markup there finds none.
 * macOS and Windows show both as plain text: they are passed on exactly.
 */

export interface NotificationText {
  title: string;
  body: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const LOOK_ALIKES: Record<string, string> = { '&': '\uff06', '<': '\u2039', '>': '\u203a' };

/** Text that a markup parser (GMarkup, Pango) reads back exactly as it was. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** Text with no markup character left, readable the same whether or not it is parsed as markup. */
export function withoutMarkupCharacters(text: string): string {
  return text.replace(/[&<>]/g, (char) => LOOK_ALIKES[char]!);
}

/** The title and body as this platform's notification system must receive them to show them literally. */
export function notificationTextFor(platform: NodeJS.Platform, text: NotificationText): NotificationText {
  if (platform !== 'linux') return text;
  return { title: withoutMarkupCharacters(text.title), body: escapeMarkup(text.body) };
}
