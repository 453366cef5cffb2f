// Realism: the sandbox plays AWS as it is, not as it should be (design §6.1; the evidence is
// ../shared/reference/aws-evidence.md). Every rough behaviour a service plays asks this object first, so `--ideal`
// turns all of them off in one place. Draws come from one seeded PRNG: the same seed and call order give the same
// roughness. Where AWS's behaviour is unknown, each plausible behaviour is a named variant; gtctl must converge
// under every value of every variant (tests run it under each).
import { ServiceError } from './service.js';

/** The unknowns, each with its possible values (the first is the default) and the evidence item it comes from. */
export const VARIANTS = {
  /** Whether DescribeLabelingJob answers the job's `Tags` (A2). */
  describeJobTags: { values: ['absent', 'returned'], source: 'aws-evidence A2: no public example shows Describe filling Tags' },
  /** What CreateWorkforce does with `Tags` (A1): refuses them, takes them (ListTags on the ARN still fails), or drops them. */
  createWorkforceTags: { values: ['rejected', 'accepted', 'ignored'], source: 'aws-evidence A1: unknown whether CreateWorkforce accepts Tags' },
  /**
   * What SageMaker writes into the app client when a workforce or team is created on it (E6): nothing, the portal's
   * URLs added to the client's own, or the client's URL lists replaced by the portal's.
   */
  appClientWrites: { values: ['replaces-urls', 'adds-portal-urls', 'none'], source: 'aws-evidence E6: the exact values SageMaker writes are unknown' },
  /** Whether AdminCreateUser RESEND, AdminEnableUser and AdminDisableUser move UserLastModifiedDate (A8). */
  lastModifiedOnResendEnableDisable: { values: ['moves', 'kept'], source: 'aws-evidence A8: moto keeps it, the first sandbox moved it' },
  /** Whether UpdateWorkteam with `NotificationConfiguration: {}` clears the team's topic (A11). */
  emptyNotificationConfiguration: { values: ['keeps', 'clears'], source: 'aws-evidence A11: unknown' },
  /** Whether AdminCreateUser refused with the daily e-mail limit still created the user (A5). */
  userAfterEmailLimit: { values: ['created', 'not-created'], source: 'aws-evidence A5: unknown whether the user exists after LimitExceededException' },
} as const satisfies Record<string, { values: readonly string[]; source: string }>;

export type VariantName = keyof typeof VARIANTS;
export type VariantValue<N extends VariantName> = (typeof VARIANTS)[N]['values'][number];

/** The fixed default seed: the same roughness on every run unless `--seed` says otherwise. */
export const DEFAULT_SEED = 1;
/** How long a new thing stays invisible or half-made; "a few hundred ms" (design §6.1), `--consistency-ms`. */
export const DEFAULT_CONSISTENCY_MS = 300;
/**
 * How often Cognito fails to deliver an invitation it was asked to send (aws-evidence A6; a guess: AWS publishes no
 * rate). Settable, so that a test counting e-mails exactly can play every other roughness without this one.
 */
export const DEFAULT_CODE_DELIVERY_FAILURE_RATE = 0.03;

export interface RealismSettings {
  /** Everything below off: instant, sequential, limitless. */
  ideal: boolean;
  seed: number;
  consistencyMs: number;
  /** 0..1: the share of invitation e-mails answered CodeDeliveryFailureException (user created all the same). */
  codeDeliveryFailureRate: number;
  variants: { [N in VariantName]: VariantValue<N> };
}

/** What `GET /_sandbox/realism` answers. */
export interface RealismView {
  ideal: boolean;
  seed: number;
  consistencyMs: number;
  codeDeliveryFailureRate: number;
  variants: Record<string, { value: string; values: readonly string[]; source: string }>;
}

/** Every variant at its default value. */
export function defaultVariants(): RealismSettings['variants'] {
  return Object.fromEntries(Object.entries(VARIANTS).map(([name, v]) => [name, v.values[0]])) as RealismSettings['variants'];
}

/** What `startSandbox({ realism })` and `POST /_sandbox/realism` take: any subset, variants one by one. */
export type RealismUpdate = Partial<Omit<RealismSettings, 'variants'>> & { variants?: Partial<Record<string, string>> };

export class Realism {
  #settings: RealismSettings;
  #random: () => number;

  constructor(settings: RealismUpdate = {}) {
    this.#settings = { ideal: false, seed: DEFAULT_SEED, consistencyMs: DEFAULT_CONSISTENCY_MS, codeDeliveryFailureRate: DEFAULT_CODE_DELIVERY_FAILURE_RATE, variants: defaultVariants() };
    this.#random = mulberry32(DEFAULT_SEED);
    this.update(settings);
  }

  /** Whether rough behaviour is on at all. */
  get on(): boolean {
    return !this.#settings.ideal;
  }

  get consistencyMs(): number {
    return this.#settings.ideal ? 0 : this.#settings.consistencyMs;
  }

  settings(): RealismSettings {
    return structuredClone(this.#settings);
  }

  view(): RealismView {
    const { ideal, seed, consistencyMs, codeDeliveryFailureRate, variants } = this.#settings;
    return {
      ideal,
      seed,
      consistencyMs,
      codeDeliveryFailureRate,
      variants: Object.fromEntries(
        Object.entries(VARIANTS).map(([name, v]) => [name, { value: variants[name as VariantName], values: v.values, source: v.source }]),
      ),
    };
  }

  /** Merges the given settings (variants one by one); a new seed restarts the draws. */
  update(settings: RealismUpdate): void {
    const next: RealismSettings = { ...this.#settings, variants: { ...this.#settings.variants } };
    if (settings.ideal !== undefined) next.ideal = settings.ideal;
    if (settings.seed !== undefined) next.seed = settings.seed;
    if (settings.consistencyMs !== undefined) next.consistencyMs = settings.consistencyMs;
    if (settings.codeDeliveryFailureRate !== undefined) next.codeDeliveryFailureRate = settings.codeDeliveryFailureRate;
    for (const [name, value] of Object.entries(settings.variants ?? {})) {
      const variant = (VARIANTS as Record<string, { values: readonly string[] }>)[name];
      if (!variant) throw invalid(`unknown variant "${name}"; known: ${Object.keys(VARIANTS).join(', ')}`);
      if (typeof value !== 'string' || !variant.values.includes(value)) throw invalid(`variant ${name} must be one of ${variant.values.join(', ')}`);
      (next.variants as Record<string, string>)[name] = value;
    }
    this.#settings = next;
    if (settings.seed !== undefined) this.#random = mulberry32(settings.seed);
  }

  get codeDeliveryFailureRate(): number {
    return this.#settings.codeDeliveryFailureRate;
  }

  variant<N extends VariantName>(name: N): VariantValue<N> {
    return this.#settings.variants[name];
  }

  /** A uniform draw in [0, 1) from the seeded source. */
  random(): number {
    return this.#random();
  }

  /** True with probability `p` when realism is on; never when ideal. */
  chance(p: number): boolean {
    return this.on && this.#random() < p;
  }

  /**
   * How long a thing made now stays not yet visible / not yet settled: between half and all of `consistencyMs`, so
   * a call made at once always meets it; 0 when ideal. Services store `madeMs + window()` in their state.
   */
  window(): number {
    const ms = this.consistencyMs;
    return ms === 0 ? 0 : Math.round(ms * (0.5 + 0.5 * this.#random()));
  }
}

/** Checks a `POST /_sandbox/realism` body; throws a ServiceError naming the first problem. */
export function parseRealismUpdate(body: Record<string, unknown>): RealismUpdate {
  const { ideal, seed, consistencyMs, codeDeliveryFailureRate, variants } = body;
  for (const key of Object.keys(body))
    if (!['ideal', 'seed', 'consistencyMs', 'codeDeliveryFailureRate', 'variants'].includes(key))
      throw invalid(`unknown field "${key}"; expected ideal, seed, consistencyMs, codeDeliveryFailureRate, variants`);
  if (codeDeliveryFailureRate !== undefined && !(typeof codeDeliveryFailureRate === 'number' && codeDeliveryFailureRate >= 0 && codeDeliveryFailureRate <= 1))
    throw invalid('codeDeliveryFailureRate must be a number from 0 to 1');
  if (ideal !== undefined && typeof ideal !== 'boolean') throw invalid('ideal must be a boolean');
  if (seed !== undefined && !Number.isInteger(seed)) throw invalid('seed must be an integer');
  if (consistencyMs !== undefined && !(typeof consistencyMs === 'number' && consistencyMs >= 0 && consistencyMs <= 600_000))
    throw invalid('consistencyMs must be a number of milliseconds from 0 to 600000');
  if (variants !== undefined && (typeof variants !== 'object' || variants === null || Array.isArray(variants))) throw invalid('variants must be an object { <name>: <value> }');
  return {
    ...(ideal !== undefined && { ideal: ideal as boolean }),
    ...(seed !== undefined && { seed: seed as number }),
    ...(consistencyMs !== undefined && { consistencyMs: consistencyMs as number }),
    ...(codeDeliveryFailureRate !== undefined && { codeDeliveryFailureRate: codeDeliveryFailureRate as number }),
    ...(variants !== undefined && { variants: variants as Record<string, string> }),
  };
}

function invalid(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

// mulberry32: a tiny, fast 32-bit PRNG; reproducible from its seed.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
