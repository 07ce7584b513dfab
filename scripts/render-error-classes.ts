import { ERROR_STATUSES, getStatusInfo, type StatusInfo } from '../src/catalog';

const HEADER = `// GENERATED FILE, DO NOT EDIT. Source: src/catalog/statuses.ts. Regenerate: npm run generate
// A test fails when this file differs from what the generator writes.
`;

function renderClass(info: StatusInfo): string {
  const duties = info.headers.map((rule) => `${rule.name} (${rule.need}, from \`${rule.field}\`)`);
  const headerDoc = duties.length > 0 ? `\n * Headers: ${duties.join('; ')}.` : '';
  return `/**
 * ${info.status} ${info.phrase}. Default code \`${info.code}\`.${headerDoc}
 * @example throw new ${info.className}(${JSON.stringify(info.message)});
 */
export class ${info.className} extends ApiError<${info.status}> {
  constructor(message?: string, options?: ErrorOptionsFor<${info.status}>) {
    super(${info.status}, message, options);
  }
}
nameClass(${info.className}, '${info.className}');
`;
}

/** The source of `src/errors/http-errors.generated.ts`: one class per catalog status. */
export function renderErrorClasses(): string {
  const infos = ERROR_STATUSES.map((status) => getStatusInfo(status) as StatusInfo);
  const aliases = infos
    .filter((info) => info.alias !== undefined)
    .map((info) => `/** Alias of {@link ${info.className}}, the name http-errors uses. */
export const ${info.alias} = ${info.className};
/** Alias of {@link ${info.className}}, the name http-errors uses. */
export type ${info.alias} = ${info.className};
`);
  const table = infos.map((info) => `  ${info.status}: ${info.className},`).join('\n');
  return `${HEADER}
import type { ErrorStatus } from '../catalog';
import { ApiError, nameClass, type ErrorOptionsFor } from './api-error';

${infos.map(renderClass).join('\n')}
${aliases.join('\n')}
/** The error class of every catalog status. */
export const errorClasses = {
${table}
} as const satisfies { readonly [S in ErrorStatus]: new (message?: string, options?: ErrorOptionsFor<S>) => ApiError<S> };
`;
}
