// Expected failures, one style everywhere: a result that is either ok or a failure with a code callers branch
// on and a message for the user. Exceptions are for bugs only.

export interface Failure<Code extends string = string> {
  ok: false;
  code: Code;
  message: string;
}

export type Result<Value extends object, Code extends string = string> = ({ ok: true } & Value) | Failure<Code>;

export function failure<Code extends string>(code: Code, message: string): Failure<Code> {
  return { ok: false, code, message };
}
