// The targets the corpus checks run for, each with the folder of Kopano's own stock files of that
// release under upstream/ (read as the installed files: --kopano-dir, and the reader warnings a stock
// install already logs). One list for every check: a new target is one more entry here.
export const CORPUS_TARGETS = [
  { target: '8.0', stock: 'kc-8.0.0' },
  { target: '8.7', stock: 'kc-8.7.25' },
  // No 11.0 folder in the corpus: the warnings check rebuilds 11.0's stock files from the tables' sample facts.
  { target: '11.0', stock: 'kopanocore-11.0.2 samples' },
];
