import { z } from 'zod';

/**
 * zod schema of the generated option data. Imported only by the generator, the tests and
 * validateOptionData() (lazily), never on the CLI's normal path: loading zod costs ~90 ms.
 */

const optionType = z.enum(['boolean', 'yes-switch', 'size', 'integer', 'string', 'path', 'socket', 'enum', 'list', 'secret']);
const optionFlag = z.enum([
  'RELOADABLE',
  'UNUSED',
  'OBSOLETE',
  'NONEMPTY',
  'NONEMPTY_IF_HOSTED',
  'NONEMPTY_IF_DISTRIBUTED',
  'EXACT',
  'SIZE',
  'IGNORED',
  'MANDATORY',
]);
const version = z.enum(['7.0', '7.1', '7.2', '8.0', '8.7']);
const daemonFile = z.enum([
  'server.cfg',
  'ical.cfg',
  'gateway.cfg',
  'search.cfg',
  'ldap.cfg',
  'ldap.propmap.cfg',
  'unix.cfg',
  'dagent.cfg',
  'spooler.cfg',
  'monitor.cfg',
  'archiver.cfg',
  'backup.cfg',
  'presence.cfg',
]);

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
    o: z.record(z.string().min(1), z.array(slot).length(5)),
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
