/**
 * The progress page's storage section: whether this browser keeps the course's storage (persistent)
 * or may clear it, Safari's seven-day rule, a reminder to export where progress may be lost, a button
 * to ask for persistent storage, and whether the course is saved for offline use. The advice comes from
 * `lib/offline/storage-advice.ts`; state: what the browser answered, and the last message.
 */
import { useEffect, useState } from 'preact/hooks';
import { storageAdvice, type StorageAdvice } from '../../lib/offline/storage-advice.ts';

type Offline = 'ready' | 'saving' | 'unsupported';

/** The storage section of the progress page. */
export default function StorageStatus() {
  const [advice, setAdvice] = useState<StorageAdvice | null>(null);
  const [offline, setOffline] = useState<Offline>('saving');
  const [message, setMessage] = useState('');

  const read = async () => {
    const persisted = navigator.storage?.persisted ? await navigator.storage.persisted().catch(() => undefined) : undefined;
    setAdvice(storageAdvice(persisted, navigator.userAgent));
  };

  useEffect(() => {
    void read();
    const workers = 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
    if (!workers) {
      setOffline('unsupported');
      return;
    }
    setOffline(workers.controller ? 'ready' : 'saving');
    void workers.ready.then(() => setOffline('ready'));
    const onChange = () => void read();
    window.addEventListener('knet:storage-persist', onChange);
    return () => window.removeEventListener('knet:storage-persist', onChange);
  }, []);

  const ask = async () => {
    const granted = await navigator.storage.persist().catch(() => false);
    await read();
    setMessage(granted ? 'Done: this browser will keep your progress.' : 'This browser did not agree to keep it (browsers decide by how you use the site). Export a copy to be safe.');
  };

  return (
    <section class="storage-status" aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage in this browser</h2>
      {!advice ? (
        <p>Checking how this browser keeps your progress…</p>
      ) : (
        <>
          <p data-storage-mode={advice.mode}>
            {advice.mode === 'persistent' && (
              <>
                <strong>Kept for good.</strong> This browser has agreed not to clear the course's storage when it runs short of space.
              </>
            )}
            {advice.mode === 'best-effort' && (
              <>
                <strong>Not kept for good.</strong> This browser may clear your progress when it runs short of space. The course asks it to
                keep your progress once you finish a mode or grade a card; you can ask now.
              </>
            )}
            {advice.mode === 'unknown' && <>This browser does not say whether it keeps the course's storage.</>}
          </p>
          {advice.mode === 'best-effort' && (
            <p>
              <button type="button" onClick={() => void ask()}>
                Ask this browser to keep my progress
              </button>
            </p>
          )}
          {advice.sevenDayRule && (
            <p>
              Safari, and every browser on iPhone and iPad, deletes what a site has stored after seven days of use without a visit to that
              site, even progress it was asked to keep.
            </p>
          )}
          {advice.remindExport && (
            <p class="storage-reminder">
              <strong>Keep a copy:</strong> export your progress (Export progress, above) now and then; importing the file brings it all back.
            </p>
          )}
        </>
      )}
      <p>
        {offline === 'ready' && 'Offline: the course is saved in this browser; every lesson opens without a network.'}
        {offline === 'saving' && 'Offline: the course is being saved in this browser for use without a network.'}
        {offline === 'unsupported' && 'Offline: this browser cannot keep the course for use without a network.'}
      </p>
      <p role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
