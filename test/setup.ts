import { afterAll } from 'vitest';
import { removeAllFixtures } from './helpers/cli.js';

// A test that fails before its own clean-up still leaves no folder behind: whatever `fixture` made goes when the file ends.
afterAll(removeAllFixtures);
