import type { ManualAction } from '../../types.js';
import { scanDefineValues } from '../php/php-defines.js';
import { zPushFixstatesStep, zPushSettingsStep } from '../runbook/z-push-settings.js';
import { byFile, carryZPush22, zPushConfPath, type ZPushFinding } from './carry.js';
import type { ZPushFile } from './z-push-names.js';

export const Z_PUSH_23_FILES: readonly ZPushFile[] = ['z-push.conf.php', 'kopano.conf.php'];

/**
 * A Z-Push 2.2 file on ZCP: the Zarafa backend's (backend/zarafa/config.php), or a config.php on
 * the Zarafa backend (BACKEND_PROVIDER 'BackendZarafa', or '' where `emptyMeansZarafa`: the file
 * is 2.2's by its path, and on ZCP the empty value picks the Zarafa backend).
 */
export function isZPush22OnZarafa(path: string, text: string, emptyMeansZarafa: boolean): boolean {
  if (path.includes('backend/zarafa/')) return true;
  const backend = scanDefineValues(text).find((d) => d.name === 'BACKEND_PROVIDER');
  if (backend === undefined) return false;
  return /^(['"])BackendZarafa\1$/.test(backend.source) || (emptyMeansZarafa && /^(['"])\1$/.test(backend.source));
}

export interface ZPushConversion {
  findings: ZPushFinding[];
  actions: ManualAction[];
  /** Lines of the 2.2 file the conversion read (its defines). */
  understood: number[];
}

/**
 * What becomes of one Z-Push 2.2 file (`source`, an absolute host path or the given file's name):
 * its settings go into each 2.3+ file, edited in place where `installed` says the run has that
 * file (the kind that owns it edits it), else by a runbook step once z-push-kopano is installed;
 * the device states are converted after. The 2.2 file itself is never edited. `serverSocket`: see
 * carryZPush22. Pure.
 */
export function convertZPush22(text: string, source: string, installed: (file: ZPushFile) => boolean, serverSocket?: string): ZPushConversion {
  const carry = carryZPush22(text, serverSocket);
  const actions: ManualAction[] = [];
  const where: string[] = [];
  for (const file of Z_PUSH_23_FILES) {
    const settings = byFile(carry.settings, file);
    if (settings.length === 0) continue;
    const names = settings.map((s) => s.name).join(', ');
    if (installed(file)) {
      where.push(`${names} into ${zPushConfPath(file)}, which this run edits`);
    } else {
      const step = zPushSettingsStep(source, file, settings);
      actions.push(step);
      where.push(`${names} into ${zPushConfPath(file)} by the runbook step ${step.id}, once z-push-kopano is installed`);
    }
  }
  actions.push(zPushFixstatesStep());
  const upgrade: ZPushFinding = { code: 'HOST_ZPUSH_UPGRADE', severity: 'warning', line: carry.settings[0]?.line, rule: source.includes('backend/zarafa/') ? 'z-push:upgrade-backend' : 'z-push:upgrade',
    message: `is Z-Push 2.2's configuration on the Zarafa backend, which Z-Push 2.3 and later do not read; it is left as it is, and ${where.length > 0 ? `its settings are carried: ${where.join('; ')}` : 'nothing in it needs carrying'}` };
  return { findings: [upgrade, ...carry.findings], actions, understood: scanDefineValues(text).map((d) => d.line) };
}
