/** Where and in which format progress is stored (shared by the store and the small reading-page path). */

/** The localStorage key that holds the progress record. */
export const PROGRESS_KEY = 'knet:progress';
/** The current version of the stored record. */
export const PROGRESS_VERSION = 3;
