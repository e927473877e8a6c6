export declare const CORPUS_TARGETS: readonly { target: string; stock: string }[];
