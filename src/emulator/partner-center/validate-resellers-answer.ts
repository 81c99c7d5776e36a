import { EmulatedReseller, partnerOfRecordOf } from './emulated-world';

export const VALIDATE_RESELLERS_PATH = /^\/v1\/partners\/validateresellers\/?$/i;

/** What the emulator answers to one validateresellers body. */
export interface ValidateResellersAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The partner IDs the body asked about, when it could be read. */
  readonly partnerIds?: readonly string[];
}

const badRequest = (description: string): ValidateResellersAnswer => ({
  status: 400,
  body: { code: 400, description, data: [], source: 'PartnerFD' },
});

/**
 * `POST /v1/partners/validateresellers` with `{"partnerIds": ["12345", ...]}`: one result per
 * partner ID asked, in order, valid on record or not with an error code and description (a
 * reseller set up to be left out gets no result).
 */
export function answerValidateResellers(text: string, byMpnId: (mpnId: string) => EmulatedReseller | undefined): ValidateResellersAnswer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return badRequest('The request body is not valid JSON.');
  }
  const partnerIds = typeof json === 'object' && json !== null ? (json as { partnerIds?: unknown }).partnerIds : undefined;
  if (!Array.isArray(partnerIds) || partnerIds.some((id) => typeof id !== 'string'))
    return badRequest('partnerIds must be an array of strings.');
  const asked = partnerIds as string[];
  const validationResults: unknown[] = [];
  for (const partnerId of asked) {
    const trimmed = partnerId.trim();
    const mpnId = /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, '') : trimmed;
    const verdict = partnerOfRecordOf(byMpnId(mpnId));
    if ('omitted' in verdict) continue;
    if (verdict.valid) validationResults.push({ partnerId, isValidPartnerIdOnRecord: true });
    else {
      validationResults.push({
        partnerId,
        isValidPartnerIdOnRecord: false,
        ...(verdict.errorCode !== undefined ? { errorCode: verdict.errorCode } : {}),
        ...(verdict.errorDescription !== undefined ? { errorDescription: verdict.errorDescription } : {}),
      });
    }
  }
  return { status: 200, body: { validationResults }, partnerIds: asked };
}
