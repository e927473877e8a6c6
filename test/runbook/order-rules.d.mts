export function orderProblems(actions: readonly { id: string; phase?: string }[]): string[];
