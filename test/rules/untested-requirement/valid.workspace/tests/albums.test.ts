import { test } from 'node:test';

// Tests that name no requirement: the workspace does not trace to tests.
test('photos of one day form one album', () => {});
