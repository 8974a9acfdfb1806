/** Adds a "Copy" button to every code block inside `root`, announcing the result through a live region. */
export function addCopyButtons(root: ParentNode): void {
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  document.body.append(status);

  for (const pre of root.querySelectorAll<HTMLPreElement>('pre')) {
    if (pre.closest('.code-frame') || pre.dataset.noCopy !== undefined) continue;
    const frame = document.createElement('div');
    frame.className = 'code-frame';
    pre.replaceWith(frame);
    frame.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    const label = pre.getAttribute('aria-label') ?? pre.dataset.language ?? 'code';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', `Copy ${label}`);
    button.addEventListener('click', async () => {
      const text = pre.dataset.copy ?? pre.innerText;
      try {
        await navigator.clipboard.writeText(text.replace(/\n$/, ''));
        button.textContent = 'Copied';
        status.textContent = 'Copied to the clipboard.';
      } catch {
        button.textContent = 'Copy failed';
        status.textContent = 'Could not copy: select the text and copy it by hand.';
      }
      window.setTimeout(() => {
        button.textContent = 'Copy';
      }, 2000);
    });
    frame.append(button);
  }
}
