/** A generated Zarafa server.cfg of about `lines` lines, about 10% of which the rules edit. */
export function generateServerCfg(lines: number): string;
