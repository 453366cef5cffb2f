// What `plan --out FILE` says once the plan is saved (on stderr, so `plan --json --out FILE` keeps stdout JSON).

export function savedPlanNote(file: string): string {
  return `Saved the plan to ${file}; apply it with \`gtctl apply ${file}\`.\n`;
}
