import { assertNever } from '../partner-center/outcome/outcome';

/** Every check mode, as configuration names it. */
export const CHECK_MODES = ['enforce', 'reportOnly', 'off'] as const;

/** What a check does to `canSubmit` (configuration `checks.*`): it must pass, it is only shown, or it is not made. */
export type CheckMode = (typeof CHECK_MODES)[number];

/** The mode of a check that is made and listed: a check switched off is never listed. */
export type ListedCheckMode = Exclude<CheckMode, 'off'>;

/** Each check's mode, as configured. */
export interface CheckModes {
  readonly agreement: CheckMode;
  readonly relationship: CheckMode;
  readonly partnerOfRecord: CheckMode;
}

/** A listed check's mode as the schema, the decision log and reports name it. */
export function checkModeName(mode: ListedCheckMode): 'ENFORCED' | 'REPORT_ONLY' {
  switch (mode) {
    case 'enforce':
      return 'ENFORCED';
    case 'reportOnly':
      return 'REPORT_ONLY';
    default:
      return assertNever(mode);
  }
}
