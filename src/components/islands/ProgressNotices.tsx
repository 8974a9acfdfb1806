/**
 * The progress store's notices (data set aside, storage unavailable, data migrated), each dismissible.
 * Hydrates only when the page has the store or asks for it (`client:interaction` on the ready/needed
 * events, see ProgressNotice.astro), and creating it here is what brings the store to a reading page.
 * State: the notices shown; it re-renders only when they change, so the learner's focus on a Dismiss
 * button survives progress changes from other tabs.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ProgressNotice } from '../../lib/progress/store.ts';
import { progress } from '../../client/progress.ts';

/** The notices list. */
export default function ProgressNotices() {
  const [notices, setNotices] = useState<readonly ProgressNotice[]>([]);
  useEffect(() => {
    const store = progress();
    setNotices(store.notices());
    return store.subscribe(() => setNotices(store.notices()));
  }, []);
  return (
    <>
      {notices.map((notice, index) => (
        <div class="notice" key={`${notice.kind}:${notice.message}`}>
          <p>{notice.message}</p>
          <button type="button" aria-label="Dismiss this notice" onClick={() => progress().dismissNotice(index)}>
            Dismiss
          </button>
        </div>
      ))}
    </>
  );
}
