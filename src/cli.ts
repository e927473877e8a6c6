#!/usr/bin/env node
// The bin: everything lives in cli/ (main.ts, start.ts) so it can be tested without a child process.
import { start } from './cli/start.js';

start();
