import { ERROR_STATUSES, getStatusInfo, type StatusInfo } from '../src/catalog';

const HEADER = `// GENERATED FILE, DO NOT EDIT. Source: src/catalog/statuses.ts. Regenerate: npm run generate
// A test fails when this file differs from what the generator writes.
`;

function renderClass(info: StatusInfo): string {
  const duties = info.headers.map((rule) => `${rule.name} (${rule.need}, from \`${rule.field}\`)`);
  const headerDoc = duties.length > 0 ? `\n * Headers: ${duties.join('; ')}.` : '';
  // One exported name per class: the http-errors name is documented here, not exported beside it.
  const aliasDoc = info.alias === undefined ? '' : `\n * http-errors calls it \`${info.alias}\` after the reason phrase RFC 9110 replaced.`;
  return `/**
 * ${info.status} ${info.phrase}. Default code \`${info.code}\`.${headerDoc}${aliasDoc}
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
  const table = infos.map((info) => `  ${info.status}: ${info.className},`).join('\n');
  return `${HEADER}
import type { ErrorStatus } from '../catalog';
import { ApiError, nameClass, type ErrorOptionsFor } from './api-error';

${infos.map(renderClass).join('\n')}
/** The error class of every catalog status, by status. */
export const errorClassesByStatus = {
${table}
} as const satisfies { readonly [S in ErrorStatus]: new (message?: string, options?: ErrorOptionsFor<S>) => ApiError<S> };
`;
}
