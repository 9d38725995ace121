import { EventEmitter } from 'node:events';

/**
 * Tells long-lived connections (graphql-ws subscriptions) that a user's sessions ended:
 * deactivation (by an admin or SCIM), deletion, the provider's back-channel logout. HTTP
 * requests need no message: the JWT strategy reloads the user and the session on each.
 * One per process; every app in it shares it (user ids are unique).
 */
export class SessionRevocations {
  private readonly events = new EventEmitter().setMaxListeners(0);

  /** Call after the transaction that ended the sessions has committed, or inside it. */
  revoked(userId: string): void {
    this.events.emit('revoked', userId);
  }

  /** Returns the function that stops listening. */
  onRevoked(listener: (userId: string) => void): () => void {
    this.events.on('revoked', listener);
    return () => this.events.off('revoked', listener);
  }
}

export const sessionRevocations = new SessionRevocations();
