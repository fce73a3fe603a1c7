import { test } from 'node:test';

test('FR-001: photos of one day form one album', () => {});
