import { ERROR_STATUSES, getStatusInfo, type StatusInfo } from '../src/catalog';

const HEADER = `// GENERATED FILE, DO NOT EDIT. Source: src/catalog/statuses.ts. Regenerate: npm run generate
// A test fails when this file differs from what the generator writes.

// The server's error classes, the very same objects (\`instanceof\` holds across entries), typed
// for client code: \`instanceof\` narrows to the class with what a received error carries.
`;

function renderAlias(info: StatusInfo): string {
  return `/** ${info.status} ${info.phrase} (\`${info.code}\`), typed for client code: see {@link ClientErrorClass}. */
export const ${info.className} = classes.${info.className} as ClientErrorClass<typeof classes.${info.className}>;
/** An instance of {@link ${info.className}} in client code. */
export type ${info.className} = classes.${info.className} & ReceivedErrorInfo;
`;
}

/** The source of `src/client/error-classes.generated.ts`: each catalog class, typed for the client. */
export function renderClientErrorClasses(): string {
  const infos = ERROR_STATUSES.map((status) => getStatusInfo(status) as StatusInfo);
  return `${HEADER}
import * as classes from '../errors/http-errors.generated';
import type { ClientErrorClass, ReceivedErrorInfo } from './client-error-class';

${infos.map(renderAlias).join('\n')}
type ByStatus = typeof classes.errorClassesByStatus;

/** The error class of every catalog status, by status, typed for client code. */
// The rule counts an assertion that only adds optional members (ReceivedErrorInfo) as no change.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- instances typed with what a received error carries
export const errorClassesByStatus = classes.errorClassesByStatus as { readonly [S in keyof ByStatus]: ClientErrorClass<ByStatus[S]> };
`;
}
