export {
  createBinoraClient,
  IDEMPOTENCY_KEY_HEADER,
  newIdempotencyKey,
  REPLAYED_HEADER,
  type BinoraClient,
  type BinoraClientOptions,
  type FetchFn,
  type Schemas,
  type TaggedMethod,
  type ThrowingMethod,
  type WriteOptions,
  type TokenPair,
  type Tokens,
} from "./client.js";
export {
  BinoraProblemError,
  NON_PROBLEM_CODE,
  isProblem,
  unwrap,
  unwrapTagged,
  type FetchResult,
  type FieldError,
  type Problem,
  type SuccessData,
  type Tagged,
} from "./errors.js";
export type { components, operations, paths } from "./schema.js";
