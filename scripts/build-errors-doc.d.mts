export const ERRORS_DOC_PATH: string;
export function renderErrorsDoc(
  sections: readonly { id: string; title: string; intro: string }[],
  codes: Readonly<Record<string, { section: string; text: string }>>,
): string;
