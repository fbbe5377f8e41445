/** Outbound email: SMTP in production; tests use a real local SMTP server (smtp-server). */
export interface EmailTransport {
  readonly name: string;
  send(msg: { from: string; to: string; subject: string; text: string; html?: string }): Promise<{ id: string }>;
}

/** Outbound SMS: an HTTP adapter for a bank's gateway, or the dev outbox (no delivery). */
export interface SmsProvider {
  readonly name: string;
  send(msg: { from: string; to: string; text: string }): Promise<{ id: string }>;
}
