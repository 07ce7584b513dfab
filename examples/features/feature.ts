import type { Express } from 'express';
import type { UsersStore } from '../users-store';
import type { ExampleAppOptions } from '../app';

/** Puts one piece of the example's state back as it was at start (`POST /reset`). */
export type ResetState = () => void | Promise<void>;

/** What a feature module of the example gets to work with. */
export interface FeatureContext {
  readonly store: UsersStore;
  readonly options: ExampleAppOptions;
  /** Registers what `POST /reset` must put back (data, counters) for the feature's state. */
  onReset(reset: ResetState): void;
  /** Runs every registered reset. */
  resetAll(): Promise<void>;
}

/**
 * One feature of the example API, mounted at three fixed points so that each feature lives in
 * its own file: `early` before body parsing and routes (request ids come first), `routes` beside
 * the users routes, `late` after every route and before the catch-all 404 and the error handler.
 */
export interface ExampleFeature {
  early?(app: Express, context: FeatureContext): void;
  routes?(app: Express, context: FeatureContext): void;
  late?(app: Express, context: FeatureContext): void;
}
