/** Control characters other than tab and line feed: C0, DEL and C1. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text for a terminal or a log with every control character shown as `\xNN`: what the
 * audit says may quote the list (a header it cannot use, a line that is not JSON), and a
 * list's escape sequences must not retitle, clear or rewrite the operator's terminal.
 */
export const terminalText = (text: string): string =>
  text.replace(CONTROL, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
