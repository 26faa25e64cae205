import createClient from "openapi-fetch";
import type {
  Client,
  ClientPathsWithMethod,
  FetchResponse,
  MaybeOptionalInit,
  Middleware,
} from "openapi-fetch";

import { BinoraProblemError, unwrap, unwrapTagged, type SuccessData, type Tagged } from "./errors.js";
import type { components, paths } from "./schema.js";

/** Every schema of openapi.yaml, e.g. `Schemas["Asset"]`. */
export type Schemas = components["schemas"];
/** The answer of login, refresh and accept-invitation. */
export type TokenPair = Schemas["TokenPair"];

/** The session a password-authenticated client holds. */
export interface Tokens {
  /** Access token (JWT), sent as `Authorization: Bearer <access>`. */
  access: string;
  /** Opaque, single-use refresh token. */
  refresh: string;
  /** When the access token expires (ISO 8601), when known. */
  accessExpiresAt?: string;
}

/** A function with the shape of the global `fetch`. */
export type FetchFn = (input: Request) => Promise<Response>;

export interface BinoraClientOptions {
  /** Server root, e.g. `https://binora.example.com` (without `/api`). */
  baseUrl: string;
  /**
   * Tenant subdomain sent as `X-Tenant` on every request. Omit it when the tenant comes from the
   * `Host` sub-domain of `baseUrl`, or with an `apiToken` (which names its own tenant).
   */
  tenant?: string;
  /**
   * A partner API token (`bnr_…`). It is sent as the bearer token on every request; the client
   * never refreshes it, and `login()`/`logout()` are refused.
   */
  apiToken?: string;
  /** A session to start with (e.g. restored from storage). */
  tokens?: Tokens | null;
  /** `fetch` to use (defaults to `globalThis.fetch`). */
  fetch?: FetchFn;
  /**
   * Called whenever the client itself changes the session: after `login()`, after an automatic
   * refresh, and with `null` after `logout()` or a failed refresh. Use it to persist tokens.
   */
  onTokens?: (tokens: Tokens | null) => void;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

type MediaType = `${string}/${string}`;
type Method = "get" | "put" | "post" | "patch" | "delete";
type RequiredKeysOf<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type ResponseOf<Op, Init> = Op extends Record<string | number, any> ? FetchResponse<Op, Init, MediaType> : never;
/**
 * What every call takes besides openapi-fetch's own options: `ifMatch`, the ETag of the version
 * a write is based on, sent as `If-Match` (a stale one is thrown as `412 precondition_failed`).
 */
export interface WriteOptions {
  ifMatch?: string;
}
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & WriteOptions & { [key: string]: unknown })?]
    : [Init & WriteOptions & { [key: string]: unknown }];

/**
 * A typed call that resolves to the answer's data (`undefined` for `204`) and throws
 * {@link BinoraProblemError} for an error answer. Same arguments as the openapi-fetch method.
 */
export type ThrowingMethod<M extends Method> = <
  P extends ClientPathsWithMethod<Client<paths>, M>,
  I extends MaybeOptionalInit<paths[P], M>,
>(
  url: P,
  ...init: InitParam<I>
) => Promise<SuccessData<ResponseOf<paths[P][M], I>>>;

/**
 * A typed call like {@link ThrowingMethod} that resolves to the answer's data together with its
 * `ETag` header.
 */
export type TaggedMethod<M extends Method> = <
  P extends ClientPathsWithMethod<Client<paths>, M>,
  I extends MaybeOptionalInit<paths[P], M>,
>(
  url: P,
  ...init: InitParam<I>
) => Promise<Tagged<SuccessData<ResponseOf<paths[P][M], I>>>>;

export interface BinoraClient {
  /**
   * The underlying openapi-fetch client, with the same middleware (tenant, bearer token,
   * refresh). Its calls never throw for error answers: they resolve to `{ data, error, response }`
   * with `error` the problem document. Pass a result to `unwrap()` to get the throwing behaviour.
   */
  readonly raw: Client<paths>;
  /** GET; resolves to the data, throws BinoraProblemError. */
  readonly GET: ThrowingMethod<"get">;
  /** POST; resolves to the data, throws BinoraProblemError. */
  readonly POST: ThrowingMethod<"post">;
  /** PUT; resolves to the data, throws BinoraProblemError. */
  readonly PUT: ThrowingMethod<"put">;
  /** PATCH; resolves to the data, throws BinoraProblemError. */
  readonly PATCH: ThrowingMethod<"patch">;
  /** DELETE; resolves to `undefined`, throws BinoraProblemError. */
  readonly DELETE: ThrowingMethod<"delete">;
  /**
   * The same calls resolving to `{ data, etag }`: the object and its `ETag`, to send back as
   * `ifMatch` so that a write never overwrites a change made since the read.
   */
  readonly tagged: {
    readonly GET: TaggedMethod<"get">;
    readonly POST: TaggedMethod<"post">;
    readonly PUT: TaggedMethod<"put">;
    readonly PATCH: TaggedMethod<"patch">;
  };

  /** Logs in inside the client's tenant and keeps the session. Throws BinoraProblemError. */
  login(email: string, password: string): Promise<TokenPair>;
  /**
   * Forgets the session and ends it on the server. The tokens are forgotten even when the server
   * call fails (which then throws).
   */
  logout(): Promise<void>;
  /**
   * Rotates the refresh token now. Concurrent calls, and the automatic refresh on `401`, share
   * one request. Throws BinoraProblemError when the server refuses (the session is then cleared).
   */
  refresh(): Promise<Tokens>;
  /** The current session, or `null`. */
  readonly tokens: Tokens | null;
  /** Replaces the session (e.g. one restored from storage); `onTokens` is not called. */
  setTokens(tokens: Tokens | null): void;
  /** Whether the client authenticates with a partner API token. */
  readonly usesApiToken: boolean;
}

/**
 * Endpoints that issue or end sessions: they are sent without a bearer token, and a `401` from
 * them is never answered with a refresh.
 */
const SESSION_ENDPOINTS: ReadonlySet<string> = new Set<keyof paths>([
  "/api/auth/login",
  "/api/auth/refresh",
  "/api/auth/logout",
  "/api/auth/accept-invitation",
  "/api/auth/password-reset",
  "/api/auth/password-reset/confirm",
]);

/** The request header that makes a create safe to retry (docs/idempotency.md). */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
/** The answer header that marks a repeat of a create's first answer. */
export const REPLAYED_HEADER = "Idempotent-Replayed";

/** The paths of openapi.yaml whose POST declares the `Idempotency-Key` header. */
type KeyedCreatePath = {
  [P in keyof paths]: paths[P] extends { post: { parameters: { header?: infer H } } }
    ? [NonNullable<H>] extends [never]
      ? never
      : typeof IDEMPOTENCY_KEY_HEADER extends keyof NonNullable<H>
        ? P
        : never
    : never;
}[keyof paths];

const createPaths = [
  "/api/users",
  "/api/teams",
  "/api/api-tokens",
  "/api/datacenters",
  "/api/assets",
  "/api/rooms",
  "/api/rows",
  "/api/racks",
  "/api/racks/{id}/reservations",
] as const satisfies readonly KeyedCreatePath[];
// Fails to compile when the spec gains a keyed create this list lacks.
const everyCreateListed: [Exclude<KeyedCreatePath, (typeof createPaths)[number]>] extends [never] ? true : never = true;
void everyCreateListed;

/** Paths whose POST creates a resource: the client gives each such call an `Idempotency-Key`. */
const CREATE_PATHS: ReadonlySet<string> = new Set<string>(createPaths);

/** A fresh random key for a create whose key the caller keeps, to send it again later. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** A `401` with this code is not about an expired token: refreshing would not help. */
const NO_REFRESH_CODES: ReadonlySet<string> = new Set(["token_tenant_mismatch"]);

interface Pending {
  /** A copy of the request as sent, so it can be sent again after a refresh. */
  retry: Request;
  /** The access token it carried. */
  access: string;
}

class RefreshRefused extends Error {
  constructor(readonly problem: BinoraProblemError) {
    super(problem.message);
  }
}

/** Creates a Binora client. See README.md. */
export function createBinoraClient(options: BinoraClientOptions): BinoraClient {
  const baseFetch: FetchFn = options.fetch ?? ((req) => globalThis.fetch(req));
  const apiToken = options.apiToken;
  if (apiToken !== undefined && apiToken.trim() === "") throw new Error("apiToken is empty");
  let tokens: Tokens | null = apiToken ? null : (options.tokens ?? null);
  let refreshing: Promise<Tokens> | null = null;
  const pending = new Map<string, Pending>();

  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: baseFetch,
    ...(options.headers ? { headers: options.headers } : {}),
  });

  function changeTokens(next: Tokens | null): void {
    tokens = next;
    options.onTokens?.(next === null ? null : { ...next });
  }

  function fromPair(pair: TokenPair): Tokens {
    return { access: pair.access, refresh: pair.refresh, accessExpiresAt: pair.access_expires_at };
  }

  async function doRefresh(): Promise<Tokens> {
    const session = tokens;
    if (!session) throw new Error("no session to refresh");
    const result = await raw.POST("/api/auth/refresh", { body: { refresh: session.refresh } });
    if (result.data) {
      const next = fromPair(result.data);
      // A login or logout while the refresh was in flight wins over it.
      if (tokens === session) changeTokens(next);
      return next;
    }
    if (tokens === session) changeTokens(null);
    throw new RefreshRefused(BinoraProblemError.fromResponse(result.response, result.error));
  }

  /** One refresh at a time: every caller during a refresh shares its promise. */
  function refreshShared(): Promise<Tokens> {
    if (!refreshing) {
      refreshing = doRefresh().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  async function problemCode(response: Response): Promise<string | undefined> {
    try {
      const body: unknown = await response.clone().json();
      if (typeof body === "object" && body !== null && typeof (body as { code?: unknown }).code === "string") {
        return (body as { code: string }).code;
      }
    } catch {
      // Not JSON: no code.
    }
    return undefined;
  }

  const middleware: Middleware = {
    async onRequest({ request, schemaPath, id }) {
      if (options.tenant && !request.headers.has("X-Tenant")) request.headers.set("X-Tenant", options.tenant);
      // One key per call: the copy kept for the retry after a refresh carries the same one.
      if (request.method === "POST" && CREATE_PATHS.has(schemaPath) && !request.headers.has(IDEMPOTENCY_KEY_HEADER)) {
        request.headers.set(IDEMPOTENCY_KEY_HEADER, newIdempotencyKey());
      }
      if (request.headers.has("Authorization") || SESSION_ENDPOINTS.has(schemaPath)) return request;
      if (apiToken) {
        request.headers.set("Authorization", `Bearer ${apiToken}`);
        return request;
      }
      // Do not send a token that is being replaced right now.
      if (refreshing) await refreshing.catch(() => undefined);
      if (!tokens) return request;
      request.headers.set("Authorization", `Bearer ${tokens.access}`);
      pending.set(id, { retry: request.clone(), access: tokens.access });
      return request;
    },

    async onResponse({ response, id }) {
      const sent = pending.get(id);
      pending.delete(id);
      if (!sent || response.status !== 401) return undefined;
      const code = await problemCode(response);
      if (code !== undefined && NO_REFRESH_CODES.has(code)) return undefined;

      let access: string;
      if (tokens && tokens.access !== sent.access) {
        // The session was refreshed (or replaced) after this request left: use the new token.
        access = tokens.access;
      } else if (tokens) {
        try {
          access = (await refreshShared()).access;
        } catch (err) {
          if (err instanceof RefreshRefused) return undefined; // surface the original 401
          throw err;
        }
      } else {
        return undefined;
      }

      await response.body?.cancel().catch(() => undefined);
      sent.retry.headers.set("Authorization", `Bearer ${access}`);
      return baseFetch(sent.retry);
    },

    onError({ id }) {
      pending.delete(id);
      return undefined;
    },
  };
  raw.use(middleware);

  type RawCall = (u: string, ...i: unknown[]) => Promise<FetchResponse<never, never, MediaType>>;
  const call = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, init: unknown[]) =>
    (raw[method] as RawCall)(url, ...withIfMatch(init));
  const throwing =
    (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE") =>
    (url: string, ...init: unknown[]) =>
      unwrap(call(method, url, init));
  const tagged =
    (method: "GET" | "POST" | "PUT" | "PATCH") =>
    (url: string, ...init: unknown[]) =>
      unwrapTagged(call(method, url, init));

  return {
    raw,
    GET: throwing("GET") as ThrowingMethod<"get">,
    POST: throwing("POST") as ThrowingMethod<"post">,
    PUT: throwing("PUT") as ThrowingMethod<"put">,
    PATCH: throwing("PATCH") as ThrowingMethod<"patch">,
    DELETE: throwing("DELETE") as ThrowingMethod<"delete">,
    tagged: {
      GET: tagged("GET") as TaggedMethod<"get">,
      POST: tagged("POST") as TaggedMethod<"post">,
      PUT: tagged("PUT") as TaggedMethod<"put">,
      PATCH: tagged("PATCH") as TaggedMethod<"patch">,
    },

    async login(email, password) {
      if (apiToken) throw new Error("this client authenticates with an API token; login() is not available");
      const pair = await unwrap(raw.POST("/api/auth/login", { body: { email, password } }));
      changeTokens(fromPair(pair));
      return pair;
    },

    async logout() {
      if (apiToken) throw new Error("this client authenticates with an API token; logout() is not available");
      if (refreshing) await refreshing.catch(() => undefined);
      const session = tokens;
      if (!session) return;
      changeTokens(null);
      await unwrap(raw.POST("/api/auth/logout", { body: { refresh: session.refresh } }));
    },

    async refresh() {
      if (apiToken) throw new Error("this client authenticates with an API token; it has nothing to refresh");
      try {
        return await refreshShared();
      } catch (err) {
        if (err instanceof RefreshRefused) throw err.problem;
        throw err;
      }
    },

    get tokens() {
      return tokens === null ? null : { ...tokens };
    },

    setTokens(next) {
      if (apiToken) throw new Error("this client authenticates with an API token; it holds no session");
      tokens = next === null ? null : { ...next };
    },

    usesApiToken: apiToken !== undefined,
  };
}

/** Moves the `ifMatch` option of a call's init into its `If-Match` header parameter. */
function withIfMatch(init: unknown[]): unknown[] {
  const [first, ...rest] = init;
  if (typeof first !== "object" || first === null || !("ifMatch" in first)) return init;
  const { ifMatch, ...others } = first as WriteOptions & { params?: { header?: Record<string, unknown> } };
  if (ifMatch === undefined) return [others, ...rest];
  const params = others.params ?? {};
  return [{ ...others, params: { ...params, header: { ...params.header, "If-Match": ifMatch } } }, ...rest];
}
