/**
 * The one line the simulator adds when a real run would make the learner wait (a SYN that is never answered, a DNS
 * server that never replies): the tool prints what the real run ends with, and this note says how long it would have
 * taken. It goes to stderr, last, marked so nobody mistakes it for the tool's own output.
 */

/** Waits shorter than this are not worth a note. */
const NOTE_THRESHOLD_SECONDS = 10;

/** Formats a duration as a person says it: "12 s", "2 min 7 s". */
export function humanSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  return r ? `${m} min ${r} s` : `${m} min`;
}

/** The note line for a wait of `seconds` (empty when the wait is short), e.g. "[simulator] …\n". */
export function waitNote(seconds: number, why: string): string {
  if (!(seconds >= NOTE_THRESHOLD_SECONDS)) return '';
  return `[simulator] a real run waits about ${humanSeconds(seconds)} before printing the line above (${why}).\n`;
}

/** The note for a command that never ends by itself (ping without -c). */
export function neverEndsNote(what: string): string {
  return `[simulator] ${what}\n`;
}

/**
 * Linux's default SYN timeout: tcp_syn_retries=6 gives retransmissions after 1, 2, 4, 8, 16 and 32 s and gives up
 * 64 s after the last one, 127 s after the first SYN (Documentation/networking/ip-sysctl.rst, tcp_syn_retries).
 */
export const SYN_TIMEOUT_SECONDS = 127;
export const SYN_TIMEOUT_WHY = "the kernel gives up on an unanswered SYN after 127 s: tcp_syn_retries=6";
