import { GuidanceKey } from './guidance-catalogue';
import { GuidanceValues, renderGuidanceMessage } from './guidance';

/**
 * A status message not yet rendered: which text, in which locale, with which values. Answers
 * carry this and the sentence is rendered only when a field or report asks for it.
 */
export interface MessageText {
  readonly key: GuidanceKey;
  readonly locale: string;
  readonly values: GuidanceValues;
}

export function messageText(key: GuidanceKey, locale: string, values: GuidanceValues): MessageText {
  return { key, locale, values };
}

/** The message's one sentence, in its locale. */
export function renderMessage(text: MessageText): string {
  return renderGuidanceMessage(text.key, text.locale, text.values);
}
