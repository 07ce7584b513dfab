import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClientErrorClasses } from '../../scripts/render-client-error-classes';
import * as core from '../../src';
import { ERROR_STATUSES, getStatusInfo } from '../../src/catalog';
import * as client from '../../src/client';

test('the client-typed classes are exactly what the generator writes (run `npm run generate`)', () => {
  const onDisk = readFileSync(join(__dirname, '../../src/client/error-classes.generated.ts'), 'utf8');
  expect(onDisk).toBe(renderClientErrorClasses());
});

test.each(ERROR_STATUSES.map((status) => [status, getStatusInfo(status)!.className]))(
  '%i: the client entry exports %s, the core class itself',
  (status, className) => {
    const Class = (client as unknown as Record<string, unknown>)[className];
    expect(Class).toBe((core as unknown as Record<string, unknown>)[className]);
    expect(client.errorClassesByStatus[status as client.ErrorStatus]).toBe(Class);
  },
);
