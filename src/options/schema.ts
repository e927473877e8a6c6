import { z } from 'zod';
import { DAEMON_FILES, OPTION_FLAGS, OPTION_TYPES, TABLE_VERSIONS } from './types.js';

/**
 * zod schema of the generated option data. Imported only by the generator, the tests and
 * validateOptionData() (lazily), never on the CLI's normal path: loading zod costs ~90 ms.
 */

const optionType = z.enum(OPTION_TYPES);
const optionFlag = z.enum(OPTION_FLAGS);
const version = z.enum(TABLE_VERSIONS);
const daemonFile = z.enum(DAEMON_FILES);

const entry = z
  .strictObject({
    t: optionType,
    d: z.string().optional(),
    f: z.array(optionFlag).min(1).optional(),
    a: z.string().min(1).optional(),
    v: z.array(z.string()).min(1).optional(),
    s: z.string().optional(),
    sc: z.literal(1).optional(),
    c: z.string().min(1).optional(),
  })
  .refine((e) => (e.t === 'enum') === (e.v !== undefined), { message: 'enum options and only they list allowed values' })
  .refine((e) => !(e.f?.includes('MANDATORY') && e.d !== undefined), { message: 'a mandatory option has no default' });

const slot = z.union([entry, z.literal(0), z.null()]);

const file = z
  .strictObject({
    v: z.partialRecord(version, z.tuple([z.enum(['cpp', 'python']), z.enum(['fatal', 'warning', 'unknown'])])),
    o: z.record(z.string().min(1), z.array(slot).length(TABLE_VERSIONS.length)),
  })
  .superRefine((f, ctx) => {
    const order = version.options;
    for (const [name, slots] of Object.entries(f.o)) {
      slots.forEach((s, i) => {
        const v = order[i]!;
        if (s !== null && f.v[v] === undefined) ctx.addIssue({ code: 'custom', message: `${name}: entry for ${v}, where the daemon is absent` });
        if (s === 0 && (i === 0 || slots[i - 1] === null))
          ctx.addIssue({ code: 'custom', message: `${name}: "same as previous" at ${v} without a previous entry` });
      });
    }
  });

export const optionDataSchema = z.strictObject({
  format: z.literal(1),
  source: z.string(),
  files: z.record(daemonFile, file),
});

/** Parses data against the schema; returns the issues as readable lines (empty when valid). */
export function checkOptionData(data: unknown): string[] {
  const r = optionDataSchema.safeParse(data);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
