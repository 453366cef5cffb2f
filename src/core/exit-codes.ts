// gtctl's exit codes, for the CLI and the Action's `exit-code` output alike (design §4).
export const EXIT = {
  ok: 0,
  /** Any error: invalid specs, AWS error, blocked change, stale plan, refused by policy, declined confirmation. */
  error: 1,
  /** `plan --detailed-exitcode` with changes present. */
  changes: 2,
  /** Stopped by SIGINT/SIGTERM (128 + SIGINT's 2, as shells report it). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
