import { describeError } from '../core/logging/redact-error';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';

export const NOTIFICATION_CHANNEL = 'portal_notification';
const RECONNECT_MS = 1000;

export interface PublishedNotification {
  id: string;
  recipientUserId: string;
}

type Listener = (event: PublishedNotification) => void;

/**
 * Fan-out across API instances: the notification table's INSERT trigger does
 * pg_notify; every instance holds one dedicated connection that LISTENs and hands each
 * event to the subscribers connected to it. Nothing is kept in memory beyond that.
 */
@Injectable()
export class NotificationBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationBus.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly ds: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  /** Registers a listener for one user's notifications; returns the unsubscribe function. */
  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  private async connect(): Promise<void> {
    const options = this.ds.options as { url?: string };
    const client = new Client({
      connectionString: options.url,
      application_name: 'ungdomsportalen-listener',
    });
    client.on('notification', (msg) => this.dispatch(msg));
    client.on('error', (e) => {
      this.logger.warn(`notification listener lost its connection: ${describeError(e)}`);
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      this.client = client;
    } catch (e) {
      this.logger.warn(`notification listener could not connect: ${describeError(e)}`);
      this.scheduleReconnect(client);
    }
  }

  private scheduleReconnect(client: Client): void {
    if (this.stopped || this.retry) return;
    if (this.client === client) this.client = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) void this.connect();
    }, RECONNECT_MS);
  }

  private dispatch(msg: Notification): void {
    if (msg.channel !== NOTIFICATION_CHANNEL || !msg.payload) return;
    let event: PublishedNotification;
    try {
      event = JSON.parse(msg.payload) as PublishedNotification;
    } catch {
      return;
    }
    for (const listener of this.listeners.get(event.recipientUserId) ?? []) listener(event);
  }
}
