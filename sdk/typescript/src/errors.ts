import type { components } from "./schema.js";

/** An RFC 9457 problem document as Binora answers it. */
export type Problem = components["schemas"]["Problem"];
/** One per-field entry of a problem's `errors`. */
export type FieldError = components["schemas"]["FieldError"];

/**
 * `code` of a {@link BinoraProblemError} built from an error answer whose body was not a problem
 * document (e.g. an HTML page from a proxy in front of Binora).
 */
export const NON_PROBLEM_CODE = "http_error";

/**
 * An error answer from Binora. Every 4xx/5xx answer of the API is an `application/problem+json`
 * document; its fields are copied here, together with the request id of the answer.
 */
export class BinoraProblemError extends Error {
  /** HTTP status of the answer. */
  readonly status: number;
  /** Stable machine-readable code, e.g. `not_found`, `validation_error`, `unauthenticated`. */
  readonly code: string;
  /** Problem type URI, e.g. `https://binora.dev/problems/not_found`. */
  readonly type: string;
  /** Short summary of the problem type, e.g. `Not Found`. */
  readonly title: string;
  /** Explanation specific to this occurrence. */
  readonly detail: string;
  /** Per-field problems (validation errors, conflicts); empty when there are none. */
  readonly errors: FieldError[];
  /** The answer's `X-Request-ID`, to quote when reporting a problem; `null` if absent. */
  readonly requestId: string | null;
  /** Seconds from the answer's `Retry-After` header (with `429 rate_limited`); `null` if absent. */
  readonly retryAfter: number | null;
  /** The problem document as received (or as synthesized for a non-problem body). */
  readonly problem: Problem;

  constructor(problem: Problem, init: { requestId?: string | null; retryAfter?: number | null } = {}) {
    super(problem.detail ? `${problem.status} ${problem.code}: ${problem.detail}` : `${problem.status} ${problem.code}`);
    this.name = "BinoraProblemError";
    this.status = problem.status;
    this.code = problem.code;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.problem = problem;
  }

  /** The messages for one field of `errors` (empty when the field is not named). */
  fieldErrors(field: string): string[] {
    return this.errors.filter((e) => e.field === field).map((e) => e.message);
  }

  /**
   * Builds the error for an error answer. `body` is what was read from the answer (a parsed JSON
   * value or text); a body that is not a problem document yields `code: "http_error"`.
   */
  static fromResponse(response: Response, body: unknown): BinoraProblemError {
    const requestId = response.headers.get("X-Request-ID");
    const retryAfterHeader = response.headers.get("Retry-After");
    const retryAfter = retryAfterHeader !== null && /^\d+$/.test(retryAfterHeader.trim()) ? Number(retryAfterHeader) : null;
    const problem = isProblem(body)
      ? { ...body, status: typeof body.status === "number" ? body.status : response.status }
      : synthesizeProblem(response, body);
    return new BinoraProblemError(problem, { requestId, retryAfter });
  }
}

/** Whether a parsed body looks like a Binora problem document. */
export function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.code === "string" && typeof b.title === "string" && (b.errors === undefined || Array.isArray(b.errors));
}

function synthesizeProblem(response: Response, body: unknown): Problem {
  let detail = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
  if (detail.length > 200) detail = `${detail.slice(0, 200)}…`;
  return {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail,
    code: NON_PROBLEM_CODE,
  };
}

/** The result shape of every openapi-fetch call. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The success data of an openapi-fetch result type (`undefined` for answers without a body). */
export type SuccessData<R> = R extends { data: infer D; error?: never } ? D : never;

/**
 * Resolves an openapi-fetch result to its data, or throws a {@link BinoraProblemError} for an
 * error answer.
 *
 * ```ts
 * const asset = await unwrap(client.raw.GET("/api/assets/{id}", { params: { path: { id } } }));
 * ```
 */
export async function unwrap<R extends FetchResult<unknown>>(result: R | Promise<R>): Promise<SuccessData<R>> {
  const r = await result;
  if (r.response.ok) return r.data as SuccessData<R>;
  throw BinoraProblemError.fromResponse(r.response, r.error);
}

/** An answer's data together with its `ETag` header (`null` when the answer has none). */
export interface Tagged<T> {
  data: T;
  etag: string | null;
}

/**
 * Like {@link unwrap}, and also returns the answer's `ETag`, to send back as `ifMatch`:
 *
 * ```ts
 * const { data, etag } = await unwrapTagged(client.raw.GET("/api/assets/{id}", { params: { path: { id } } }));
 * ```
 */
export async function unwrapTagged<R extends FetchResult<unknown>>(result: R | Promise<R>): Promise<Tagged<SuccessData<R>>> {
  const r = await result;
  const data = await unwrap(r);
  return { data, etag: r.response.headers.get("ETag") };
}
