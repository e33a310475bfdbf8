// Writes a FixPlan to disk (the CLI's `migrate`): refuses to overwrite, and checks every file first.
import fs from 'node:fs';
import path from 'node:path';
import { type FixPlan, applyEdits } from '../analysis/fix/edits';

export function applyPlanToDisk(plan: FixPlan): string[] {
  for (const c of plan.changes) {
    if (c.kind === 'create' && fs.existsSync(c.path)) throw new Error(`${c.path} already exists; nothing was written`);
    if (c.kind !== 'create' && !fs.existsSync(c.path)) throw new Error(`${c.path} does not exist; nothing was written`);
  }
  const texts = plan.changes.map((c) => (c.kind === 'edit' ? applyEdits(fs.readFileSync(c.path, 'utf8'), c.edits) : c.text));
  plan.changes.forEach((c, i) => {
    fs.mkdirSync(path.dirname(c.path), { recursive: true });
    fs.writeFileSync(c.path, texts[i], c.kind === 'create' ? { flag: 'wx' } : undefined);
  });
  return plan.changes.map((c) => c.path);
}
