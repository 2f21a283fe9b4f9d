/**
 * The staff API (`/api/staff/*`): TypeBox schemas for the routes and the types the staff console (and the clerk
 * page) import. A signed-in request carries the `staff_session` cookie (httpOnly); every request but GET and HEAD
 * also carries the session's CSRF token as `x-csrf-token`. Errors are `{code, message, ...details}`: 401
 * NOT_SIGNED_IN, 403 FORBIDDEN or CSRF, 400 INVALID_FIELDS with `fields`, and the codes named route by route.
 * Requests are strict (bot/plugins/strict-input.ts): no type is coerced and an unknown field is refused; a role
 * that may not act gets 403 before its body is looked at.
 */
import Type, { type Static } from 'typebox';
import { ACTIONS } from '../domain/permissions.ts';

/** What a staff member may do (bot/domain/permissions.ts, ADR 0019). */
export const StaffAction = Type.Enum(ACTIONS);
export type StaffAction = Static<typeof StaffAction>;

export const StaffRole = Type.Union([
  Type.Literal('clerk'),
  Type.Literal('store_manager'),
  Type.Literal('marketer'),
  Type.Literal('admin'),
]);
export type StaffRoleName = Static<typeof StaffRole>;

export const StoreView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type StoreView = Static<typeof StoreView>;

const StoreChoice = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });
export type StoreChoice = Static<typeof StoreChoice>;

export const Principal = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: StaffRole,
  storeIds: Type.Union([Type.Array(Type.Integer()), Type.Literal('all')]),
  storeId: Type.Union([Type.Integer(), Type.Null()]),
});
export type PrincipalView = Static<typeof Principal>;

/**
 * POST /api/staff/session: sets the cookie. 401 SIGN_IN_FAILED; 423 ACCOUNT_LOCKED with `lockedUntil`; 429
 * TOO_MANY_ATTEMPTS with `retryAfterSeconds`; 403 ACCOUNT_INACTIVE, NO_STORES, STORE_NOT_ALLOWED; 400
 * STORE_REQUIRED with `stores` to choose from (then send again with `storeId`).
 */
export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    storeId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  },
  { additionalProperties: false },
);
export type SignInRequest = Static<typeof SignInBody>;

/** POST and GET /api/staff/session. */
export const SessionResponse = Type.Object({
  staff: Principal,
  csrfToken: Type.String(),
  /** The store this session works at, with its name; null when none was chosen. */
  store: Type.Union([StoreChoice, Type.Null()]),
  /** The stores the staff member may work at. */
  stores: Type.Array(StoreChoice),
  /** What this session may do, in its stores: the pages show what these allow instead of testing roles. */
  actions: Type.Array(StaffAction),
  /** Whose console this is (BRAND_NAME, BRAND_LOGO_URL): the header shows the name, and the logo when set. */
  brand: Type.Object({ name: Type.String(), logoUrl: Type.Union([Type.String(), Type.Null()]) }),
});
export type SessionResponse = Static<typeof SessionResponse>;

/** POST /api/staff/stores (admin): 201 StoreView; 409 STORE_CODE_TAKEN. */
export const NewStoreBody = Type.Object(
  {
    code: Type.String({ maxLength: 16 }),
    name: Type.String({ maxLength: 50 }),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewStoreRequest = Static<typeof NewStoreBody>;

/** PATCH /api/staff/stores/:id (admin): `active: false` closes the store. 404 STORE_NOT_FOUND. */
export const StoreChangesBody = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 16 })),
    name: Type.Optional(Type.String({ maxLength: 50 })),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StoreChangesRequest = Static<typeof StoreChangesBody>;

export const StaffView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: StaffRole,
  active: Type.Boolean(),
  storeIds: Type.Array(Type.Integer()),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type StaffView = Static<typeof StaffView>;

/** POST /api/staff/staff (admin): 201 StaffView; 409 USERNAME_TAKEN; fields PASSWORD_WEAK, STORES_REQUIRED. */
export const NewStaffBody = Type.Object(
  {
    username: Type.String({ maxLength: 64 }),
    displayName: Type.String({ maxLength: 100 }),
    password: Type.String({ maxLength: 200 }),
    role: StaffRole,
    storeIds: Type.Optional(Type.Array(Type.Integer(), { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type NewStaffRequest = Static<typeof NewStaffBody>;

/** PATCH /api/staff/staff/:id (admin): 404 STAFF_NOT_FOUND; 409 LAST_ADMIN. */
export const StaffChangesBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(StaffRole),
    storeIds: Type.Optional(Type.Array(Type.Integer(), { maxItems: 500 })),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ maxLength: 200 })),
    unlock: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StaffChangesRequest = Static<typeof StaffChangesBody>;

/** GET /api/staff/audit (audit.read), newest first. Numbers in the query are plain decimals: `?limit=20`. */
export const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    staffId: Type.Optional(Type.Integer()),
    storeId: Type.Optional(Type.Integer()),
    action: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type AuditQueryParams = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      staff: Type.Union([
        Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String() }),
        Type.Null(),
      ]),
      action: Type.String(),
      subjectType: Type.String(),
      subjectId: Type.Union([Type.String(), Type.Null()]),
      store: Type.Union([StoreChoice, Type.Null()]),
      ip: Type.Union([Type.String(), Type.Null()]),
      before: Type.Unknown(),
      after: Type.Unknown(),
    }),
  ),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});
export type AuditPage = Static<typeof AuditPage>;

/** `/:id` in a URL: a plain decimal (`/staff/12`, never `/staff/12.0` or `/staff/+12`). */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** GET /api/staff/line-delivery (admins, marketers): what LINE refused to deliver this quota month. */
export const LineDelivery = Type.Object({
  /** Member notices not sent because the account's monthly message quota was used up. */
  overQuota: Type.Integer({ minimum: 0 }),
});
export type LineDelivery = Static<typeof LineDelivery>;

/** Every staff error body. */
export interface StaffApiErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
  lockedUntil?: string;
  retryAfterSeconds?: number;
  stores?: StoreChoice[];
}
