/** Whether a key press lands in a text field (so `/` there is a character, not the search shortcut). */

/** True when a key press on `target` is typing. */
export function isTyping(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? '').toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable === true;
}
