import { del, get, patch, post } from "./client";
import type {
  ApiKey,
  ApiKeyCreated,
  ApiKeyInput,
  AuditEntry,
  AuditVerification,
  Branch,
  Channel,
  Invitation,
  InvitationInput,
  InvitationPreview,
  Job,
  JobStatus,
  Locale,
  LoginOptions,
  LoginResult,
  Me,
  OrgTree,
  OutboxMessage,
  Page,
  PublicTenant,
  Region,
  SessionInfo,
  SignedIn,
  TotpSetup,
  User,
  UserPatch,
} from "./types";

const anonymous = { anonymous: true } as const;
const enc = encodeURIComponent;

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
}

export const auth = {
  session: () => get<SessionInfo>("/auth/session", undefined, anonymous),
  login: (body: { tenant?: string; email: string; password: string }) => post<LoginResult>("/auth/login", body, anonymous),
  loginTotp: (code: string) => post<SignedIn>("/auth/login/totp", { code }, anonymous),
  logout: () => post<void>("/auth/logout"),
  forgot: (body: { tenant?: string; email: string }) => post<void>("/auth/password/forgot", body, anonymous),
  reset: (token: string, password: string) => post<void>("/auth/password/reset", { token, password }, anonymous),
  invitation: (token: string) => get<InvitationPreview>(`/auth/invitations/${enc(token)}`, undefined, anonymous),
  acceptInvitation: (body: { token: string; name: string; password: string }) =>
    post<SignedIn>("/auth/invitations/accept", body, anonymous),
};

export const me = {
  update: (body: { name?: string; locale?: Locale }) => patch<Me>("/me", body),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>("/me/password", { currentPassword, newPassword }),
  totpSetup: () => post<TotpSetup>("/me/totp/setup"),
  totpEnable: (code: string) => post<Me>("/me/totp/enable", { code }),
  totpDisable: (password: string, code: string) => post<Me>("/me/totp/disable", { password, code }),
};

export const loginOptions = () => get<LoginOptions>("/public/login-options", undefined, anonymous);
export const publicTenant = (slug: string) => get<PublicTenant>(`/public/tenants/${enc(slug)}`, undefined, anonymous);

export const users = {
  list: (q: PageQuery & { q?: string }) => get<Page<User>>("/users", { ...q }),
  get: (id: string) => get<User>(`/users/${enc(id)}`),
  update: (id: string, body: UserPatch) => patch<User>(`/users/${enc(id)}`, body),
  unlock: (id: string) => post<User | undefined>(`/users/${enc(id)}/unlock`),
  resetTotp: (id: string) => post<User | undefined>(`/users/${enc(id)}/totp/reset`),
};

export const invitations = {
  list: (q: PageQuery) => get<Page<Invitation>>("/invitations", { ...q }),
  create: (body: InvitationInput) => post<Invitation>("/invitations", body),
  revoke: (id: string) => del(`/invitations/${enc(id)}`),
};

export const org = {
  tree: () => get<OrgTree>("/org"),
  createRegion: (body: { code: string; name: string }) => post<Region>("/regions", body),
  renameRegion: (id: string, name: string) => patch<Region>(`/regions/${enc(id)}`, { name }),
  createBranch: (body: { regionId: string; code: string; name: string }) => post<Branch>("/branches", body),
  updateBranch: (id: string, body: { name?: string; regionId?: string }) => patch<Branch>(`/branches/${enc(id)}`, body),
};

export const apiKeys = {
  list: (q: PageQuery) => get<Page<ApiKey>>("/api-keys", { ...q }),
  create: (body: ApiKeyInput) => post<ApiKeyCreated>("/api-keys", body),
  revoke: (id: string) => del(`/api-keys/${enc(id)}`),
};

export const audit = {
  list: (q: PageQuery) => get<Page<AuditEntry>>("/audit", { ...q }),
  verify: () => get<AuditVerification>("/audit/verify"),
};

export const jobs = {
  list: (q: PageQuery & { status?: JobStatus }) => get<Page<Job>>("/jobs", { ...q }),
  retry: (id: string) => post<Job>(`/jobs/${enc(id)}/retry`),
};

export const outbox = {
  list: (q: PageQuery & { channel?: Channel }) => get<Page<OutboxMessage>>("/outbox/messages", { ...q }),
};
