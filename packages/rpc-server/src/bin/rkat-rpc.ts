#!/usr/bin/env node
import { runRkatRpcProcess } from '../process/run-process.js';

process.exit(await runRkatRpcProcess(process.argv.slice(2)));
