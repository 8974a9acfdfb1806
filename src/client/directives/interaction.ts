/**
 * `client:interaction`: hydrates an island when the learner reaches for it: the pointer comes over it,
 * a touch or focus lands in it, or (when it holds controls) a key is pressed anywhere on the page, as
 * keyboard users move by keys. Scrolling past it loads nothing. A click or form submission made in the
 * island before it is live is held and replayed once it is, and text typed into its fields before then
 * is handed to it, so no first action is lost. `client:interaction="a b"` also hydrates it when the
 * event `a` or `b` reaches the window (listened to in the capture phase, so events dispatched on
 * `document` count too). Registered in astro.config.mjs; Astro inlines it in pages that use it.
 */
import type { ClientDirective } from 'astro';

const interaction: ClientDirective = (load, options, island) => {
  let live = false;
  let started = false;
  const replay: HTMLElement[] = [];
  const start = async (): Promise<void> => {
    if (started) return;
    started = true;
    await (await load())();
    live = true;
    for (const field of island.querySelectorAll<HTMLInputElement>('input, textarea')) {
      if (field.value !== field.defaultValue) field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    for (const target of replay) if (target.isConnected) target instanceof HTMLFormElement ? target.requestSubmit() : target.click();
  };
  const hold = (event: Event): void => {
    if (live || !(event.target instanceof HTMLElement)) return;
    event.preventDefault();
    event.stopPropagation();
    replay.push(event.target);
    void start();
  };
  for (const type of ['pointerover', 'pointerdown', 'touchstart', 'focusin']) island.addEventListener(type, start, true);
  for (const type of ['click', 'submit']) island.addEventListener(type, hold, true);
  if (island.querySelector('a, button, input, select, textarea, [tabindex]')) document.addEventListener('keydown', start, true);
  for (const type of String(options.value || '').split(' ')) if (type) window.addEventListener(type, start, true);
};

export default interaction;
