import escapeHtml from 'escape-html';

/** Markup that is already safe: made by `html` or `joinHtml`, never from outside text. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly SafeHtml[];

function render(value: Interpolated): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map((item: SafeHtml) => item.text).join('');
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is SafeHtml: identifiers,
 * messages and guidance come from the input and from Partner Center, so nothing reaches the
 * page unescaped by mistake.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let text = strings[0];
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1];
  });
  return new SafeHtml(text);
}

/** Joins pieces of markup. */
export const joinHtml = (parts: readonly SafeHtml[], separator = ''): SafeHtml =>
  new SafeHtml(parts.map((part) => part.text).join(separator));

/** Only http(s) links become links: a `javascript:` URL from anywhere stays text. */
export const isWebLink = (url: string | null | undefined): url is string => typeof url === 'string' && /^https?:\/\/[^\s"'<>]+$/i.test(url);
