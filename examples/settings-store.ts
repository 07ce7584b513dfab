import { createHash } from 'node:crypto';

export type Settings = Readonly<Record<string, unknown>>;

/** The account settings the example starts with. */
export const INITIAL_SETTINGS: Settings = { currency: 'EUR', timezone: 'UTC' };

/** A strong ETag of a settings representation. */
export function settingsEtag(settings: Settings): string {
  return `"${createHash('sha1').update(JSON.stringify(settings)).digest('base64url')}"`;
}

/** The account settings, in memory: one resource whose writes must be conditional. */
export class SettingsStore {
  private current: Settings = INITIAL_SETTINGS;

  get(): Settings {
    return this.current;
  }

  set(settings: Settings): void {
    this.current = { ...settings };
  }

  etag(): string {
    return settingsEtag(this.current);
  }

  /** Back to {@link INITIAL_SETTINGS}. */
  reset(): void {
    this.current = INITIAL_SETTINGS;
  }
}
