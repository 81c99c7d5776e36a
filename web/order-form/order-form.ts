import type { EligibilityChangeDetail, MpaOrderCheckElement } from '../order-check/mpa-order-check';
import type { OrderCheckLine } from '../order-check/order-check-request';

/**
 * The reference order page's own script: it only forwards what the partner types or picks to
 * `<mpa-order-check>`, which does the checking and gates the Submit button itself.
 */

const GUID_LIKE = /^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}/i;

/** A tenant ID when it looks like a GUID, else an MPN ID (the gateway says what is wrong with either). */
function resellerOf(value: string): Pick<OrderCheckLine, 'mpnId' | 'tenantId'> {
  const text = value.trim();
  if (!text) return {};
  return GUID_LIKE.test(text) ? { tenantId: text } : { mpnId: text };
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the order page has no #${id}`);
  return element as T;
}

function start(): void {
  const check = document.querySelector('mpa-order-check') as MpaOrderCheckElement;
  const reseller = byId<HTMLInputElement>('reseller');
  const region = byId<HTMLSelectElement>('region');
  const locale = byId<HTMLSelectElement>('locale');
  const lineResellers = [...document.querySelectorAll<HTMLInputElement>('input[data-line-id]')];
  const credential = document.getElementById('credential') as HTMLInputElement | null;
  const eventLog = byId<HTMLElement>('event-log');
  const outcome = byId<HTMLElement>('order-outcome');

  // With no line billed to another reseller the order is one check; otherwise each line is.
  const resellersChanged = () => {
    outcome.textContent = '';
    const main = resellerOf(reseller.value);
    if (lineResellers.some((input) => input.value.trim())) {
      check.lines = lineResellers.map((input) => ({
        lineId: input.dataset.lineId,
        label: input.dataset.label,
        ...(input.value.trim() ? resellerOf(input.value) : main),
      }));
      return;
    }
    check.lines = undefined;
    check.mpnId = main.mpnId ?? null;
    check.tenantId = main.tenantId ?? null;
  };
  reseller.addEventListener('input', resellersChanged);
  for (const input of lineResellers) input.addEventListener('input', resellersChanged);
  region.addEventListener('change', () => (check.region = region.value));
  locale.addEventListener('change', () => (check.locale = locale.value));
  if (credential) {
    credential.addEventListener('input', () => {
      if (credential.dataset.kind === 'bearer') check.accessToken = credential.value.trim() || undefined;
      else check.apiKey = credential.value.trim() || undefined;
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-fill]')) {
    button.addEventListener('click', () => {
      reseller.value = button.dataset.fill ?? '';
      for (const input of lineResellers) input.value = '';
      resellersChanged();
      reseller.focus();
    });
  }

  check.addEventListener('eligibilitychange', (event: CustomEvent<EligibilityChangeDetail>) => {
    const { canSubmit, state, lines } = event.detail;
    const shown = lines.map((line) => ({
      lineId: line.lineId,
      canSubmit: line.canSubmit,
      verified: line.verified,
      retryable: line.retryable,
      status: line.mpaStatus.__typename,
    }));
    eventLog.textContent = JSON.stringify({ canSubmit, state, lines: shown }, null, 2);
  });

  byId<HTMLFormElement>('order-form').addEventListener('submit', (event) => {
    event.preventDefault();
    outcome.textContent = check.canSubmit
      ? 'Order accepted. (This reference page sends it nowhere.)'
      : 'The order cannot be submitted yet: see the check above.';
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
