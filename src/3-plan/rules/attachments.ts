import { action, setValue, type RuleStep } from '../rule-steps.js';
import { pinSetting } from './data/pin.js';
import type { Rule, RuleContext } from '../rule.js';
import { ZCP_SOURCES } from '../../types.js';

const ID = 'attachments';
const KOPANO_ATTACHMENTS = '/var/lib/kopano/attachments';

/**
 * With `attachment_storage = files` the attachments live under `attachment_path` in a layout that
 * ZCP 7.2 and Kopano share, so the directory can be reused as is. `keep` (default) makes Kopano
 * read the existing directory; `move` points at /var/lib/kopano/attachments and lists the move.
 */
export const attachmentsRule: Rule = {
  id: ID,
  title: 'Keep or move the attachment directory',
  why: 'kopano-server looks for attachment files under attachment_path, whose default moved from /var/lib/zarafa/attachments to /var/lib/kopano/attachments; without an explicit path it would find none of the ZCP attachments. It also runs as an unprivileged user now and must own the files.',
  guide: 'Point attachment_path at the existing attachment directory (or move the directory to /var/lib/kopano/attachments) and give it to the user Kopano runs as.',
  files: ['server.cfg'],
  sources: ZCP_SOURCES,
  *apply(ctx) {
    const line = ctx.plan.lineOf('attachment_path');
    // An included file only knows its own lines: it handles the path it sets, the including file
    // decides about the storage and a defaulted path.
    if (ctx.included) {
      if (line) yield* handlePath(ctx, line.number, ctx.plan.valueOf('attachment_path')!);
      return;
    }
    const storage = ctx.effective.get('attachment_storage');
    if (storage?.value !== 'files') return;
    const eff = ctx.effective.get('attachment_path');
    if (!eff) return;
    if (eff.origin.kind === 'file' && eff.origin.file !== ctx.doc.file) return; // set in an included file: handled there
    if (line) {
      yield* handlePath(ctx, line.number, ctx.plan.valueOf('attachment_path')!, line.value);
      return;
    }
    // ZCP used its compiled default path.
    if (ctx.options.attachments === 'keep') {
      yield* pinSetting(ctx, 'attachment_path', eff.value, ['attachment_storage', 'attachment_compression'],
        `ZCP stored attachments in its default ${eff.value}; Kopano's default is ${KOPANO_ATTACHMENTS}, where they are not`);
      yield* ownerAction(ctx, eff.value);
    } else {
      yield* moveActions(ctx, eff.value);
    }
  },
};

function* handlePath(ctx: RuleContext, line: number, planned: string, original = planned): Generator<RuleStep> {
  if (ctx.options.attachments === 'keep') {
    // Another rule may have rewritten the path; the attachments are still where ZCP put them.
    if (planned !== original) yield setValue(line, original, 'the attachments stay where ZCP stored them (--attachments keep)');
    yield* ownerAction(ctx, original);
    return;
  }
  const from = original.replace(/\/+$/, '');
  if (from === KOPANO_ATTACHMENTS) {
    yield* ownerAction(ctx, KOPANO_ATTACHMENTS);
    return;
  }
  yield setValue(line, KOPANO_ATTACHMENTS, `the attachments move from ${original} (--attachments move)`);
  yield* moveActions(ctx, original);
}

function* moveActions(ctx: RuleContext, from: string): Generator<RuleStep> {
  yield action({
    id: 'attachments:move',
    reason: `Move the attachment files from ${from} to ${KOPANO_ATTACHMENTS} while kopano-server is stopped; the directory layout is the same in ZCP and Kopano.`,
    command: `mkdir -p /var/lib/kopano && mv ${from.replace(/\/+$/, '')} ${KOPANO_ATTACHMENTS}`,
    paths: [from, KOPANO_ATTACHMENTS],
  });
  yield* ownerAction(ctx, KOPANO_ATTACHMENTS);
}

function* ownerAction(ctx: RuleContext, path: string): Generator<RuleStep> {
  const { user, group } = ctx.options.runAs;
  yield action({
    id: 'owner:attachments',
    reason: `kopano-server runs as ${user} and must be able to read and write the attachment files, which ZCP wrote as root.`,
    command: `chown -R ${user}:${group} ${path}`,
    paths: [path],
  });
}
