// The ways a proof is expected to fail, each with a code its callers branch on (never on the message).

export type ProofFailureCode =
  'no-query' | 'not-static' | 'no-proposal' | 'cannot-connect' | 'refused' | 'needs-consent' | 'missing-table' | 'embedded-failed';

/** Thrown inside the proof modules only; `prove()` turns it into a failed Result. */
export class ProofError extends Error {
  constructor(
    readonly code: ProofFailureCode,
    message: string,
  ) {
    super(message);
  }
}
