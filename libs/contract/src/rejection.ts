/** Why a message was kept aside. The code is for machines and metrics, the detail for people. */
export type RejectionCode =
  | 'empty'
  | 'too_large'
  | 'invalid_utf8'
  | 'not_json'
  | 'not_an_object'
  | 'unknown_schema_version'
  | 'schema_violation'
  | 'future_timestamp'
  | 'past_retention';

export interface Rejection {
  code: RejectionCode;
  detail: string;
}
