/**
 * The contract's field error codes (src/api/contract.ts) → the `validation` catalogue: one map for
 * every form (details, payment). `invalid` is said per field by each form.
 */
import type { FieldErrorCode } from '../../api/contract';
import type { Messages } from './en';

type ValidationKey = keyof Messages['validation'];

export const CODE_TO_KEY: Record<Exclude<FieldErrorCode, 'invalid'>, ValidationKey> = {
  required: 'required',
  too_long: 'tooLong',
  date_format: 'dateFormat',
  not_real_date: 'notRealDate',
  dob_in_past: 'dobInPast',
  phone: 'phone',
  email: 'email',
  state: 'state',
  payment_required: 'paymentRequired',
  insurer_required: 'insurerRequired',
  member_number_required: 'memberIdRequired',
  member_number: 'memberId',
  group_number: 'groupNumber',
  holder_first_name: 'holderFirstName',
  holder_last_name: 'holderLastName',
  holder_dob: 'holderDob',
  secondary_needs_primary: 'secondaryNeedsPrimary',
};
