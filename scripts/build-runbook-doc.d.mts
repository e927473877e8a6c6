export const RUNBOOK_DOC_PATH: string;
export const SAMPLE_DIR: string;
export function renderRunbookDoc(input: {
  phases: readonly string[];
  info: Record<string, { title: string; why: string }>;
  sample: string;
}): string;
