/** Shared shutdown state: once draining, /readyz fails so a load balancer stops sending traffic. */
export interface Lifecycle {
  draining: boolean;
}
export const createLifecycle = (): Lifecycle => ({ draining: false });
