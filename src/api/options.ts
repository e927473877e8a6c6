import { z } from 'zod';
import type { TranslateDirOptions, TranslateOptions } from '../types.js';
import { TARGET_IDS } from '../targets.js';
import { ACCOUNT_NAME } from '../3-plan/account-name.js';

/** A user or group name the daemons can run as: what useradd(8) accepts, no root-only tricks. */
const accountName = z.string().regex(ACCOUNT_NAME, 'a user or group name (letters, digits, _ . -; at most 32 characters)');

const translateOptions = z.strictObject({
  target: z.enum(TARGET_IDS).optional(),
  source: z.enum(['7.0', '7.1', '7.2', 'kopano-8.0', 'kopano-8.7']).optional(),
  ldapSchema: z.enum(['zarafa', 'kopano']).optional(),
  attachments: z.enum(['keep', 'move']).optional(),
  tls: z.enum(['target', 'zcp']).optional(),
  runAs: z.strictObject({ user: accountName, group: accountName }).optional(),
  showSecrets: z.boolean().optional(),
  kopanoDir: z.string().min(1).optional(),
});

const translateDirOptions = translateOptions.extend({
  outDir: z.string().min(1).optional(),
  force: z.boolean().optional(),
  webapp: z.string().min(1).optional(),
  zPush: z.string().min(1).optional(),
});

/**
 * A bad option given to the library (`{ target: '9.0' }`, `{ target: 8.7 }`, an empty user).
 * `option` names it as a path (`runAs.user`); nothing was read or written.
 */
export class InvalidOptionError extends TypeError {
  readonly code = 'INVALID_OPTION';
  readonly option: string;

  constructor(option: string, message: string) {
    super(`option ${option}: ${message}`);
    this.name = 'InvalidOptionError';
    this.option = option;
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  // No options at all is valid whatever the schema says of each one (all are optional).
  if (value === undefined || (typeof value === 'object' && value !== null && Object.keys(value).length === 0 && Object.getPrototypeOf(value) === Object.prototype)) return {} as T;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(options)';
  const message = issue.code === 'unrecognized_keys' ? 'is not an option of zarafa2kopano' : issue.message;
  throw new InvalidOptionError(option, message);
}

/** The options of translateConfig, checked. Throws {@link InvalidOptionError}. */
export function checkTranslateOptions(options: unknown): TranslateOptions {
  return check(translateOptions, options) as TranslateOptions;
}

/** The options of translateConfigDir, checked. Throws {@link InvalidOptionError}. */
export function checkTranslateDirOptions(options: unknown): TranslateDirOptions {
  return check(translateDirOptions, options) as TranslateDirOptions;
}
