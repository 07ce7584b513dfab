// Rewrites every file generated from the catalog. Run after editing src/catalog/*.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderErrorClasses } from './render-error-classes';
import { renderClientErrorClasses } from './render-client-error-classes';

const root = join(__dirname, '..');
writeFileSync(join(root, 'src/errors/http-errors.generated.ts'), renderErrorClasses());
console.log('wrote src/errors/http-errors.generated.ts');
writeFileSync(join(root, 'src/client/error-classes.generated.ts'), renderClientErrorClasses());
console.log('wrote src/client/error-classes.generated.ts');
