import { ERROR_STATUSES, getStatusInfo, type ErrorStatus, type HeaderNeed, type StatusInfo } from '../catalog';
import { toEnvelope, type ErrorEnvelope } from '../formats/envelope';
import { collectCodes, type CodeEntry, type CodeSource } from './code-table';
import { EXAMPLE_REQUEST_ID, exampleHeaderValue } from './header-examples';
import { STATUS_GUIDE } from './status-guide';

/** Options of {@link buildStatusReference}. */
export interface StatusReferenceOptions {
  /** The app's own codes: a `defineErrorCodes` registry or its table. */
  readonly codes?: CodeSource;
  /** Document the codes the library itself answers with (`LIBRARY_CODES`). Default `true`. */
  readonly libraryCodes?: boolean;
}

/** A header a status carries, with how strongly the RFC asks for it and an example value. */
export interface HeaderReference {
  readonly name: string;
  readonly need: HeaderNeed;
  readonly example: string;
}

/** A documented code, with the body a client receives for it. */
export interface CodeReference extends CodeEntry {
  readonly phrase: string;
  readonly example: ErrorEnvelope;
}

/** Everything a client needs to know about one status. */
export interface StatusReferenceEntry {
  readonly status: ErrorStatus;
  readonly phrase: string;
  /** The class to throw, e.g. `NotFoundError`. */
  readonly className: string;
  /** The name http-errors gives the class (`PayloadTooLargeError`), if any; not exported here. */
  readonly alias: string | undefined;
  /** The default code. */
  readonly code: string;
  readonly message: string;
  readonly when: string;
  readonly action: string;
  readonly headers: readonly HeaderReference[];
  readonly retryable: boolean;
  /** Never cached (RFC 6585), whatever the handler is configured with. */
  readonly noStore: boolean;
  /** 4xx send the thrown message; 5xx always send the generic `message`. */
  readonly exposesMessage: boolean;
  /** The body answered for the default code. */
  readonly example: ErrorEnvelope;
  /** The other codes answered with this status (library and app codes). */
  readonly codes: readonly CodeReference[];
}

/** The status-code reference of an API: every catalog status and every extra code. */
export interface StatusReference {
  readonly statuses: readonly StatusReferenceEntry[];
  readonly codes: readonly CodeReference[];
}

/** The envelope a client receives for `code` with `message`, as `errorHandler` writes it. */
export function exampleEnvelope(info: StatusInfo, code: string, message: string): ErrorEnvelope {
  return toEnvelope({
    status: info.status,
    title: info.phrase,
    code,
    message,
    details: undefined,
    requestId: EXAMPLE_REQUEST_ID,
    instance: undefined,
    debug: undefined,
  });
}

function headersOf(info: StatusInfo): HeaderReference[] {
  return info.headers.map((rule) => ({ name: rule.name, need: rule.need, example: exampleHeaderValue(rule.field) }));
}

/**
 * The status reference as data: one entry per catalog status (phrase, class, default code and
 * message, when to expect it, what to do, headers, example body) with the library's and the app's
 * codes attached to their status. Rendered by `renderStatusReference` and the CLI.
 *
 * @example
 * const reference = buildStatusReference({ codes: appErrors });
 * reference.statuses.find((entry) => entry.status === 403)?.codes; // [insufficient_scope]
 */
export function buildStatusReference(options: StatusReferenceOptions = {}): StatusReference {
  const codes: CodeReference[] = collectCodes(options.codes, { libraryCodes: options.libraryCodes }).map((entry) => {
    const info = getStatusInfo(entry.status) as StatusInfo;
    return { ...entry, phrase: info.phrase, example: exampleEnvelope(info, entry.code, entry.message) };
  });
  const statuses = ERROR_STATUSES.map((status): StatusReferenceEntry => {
    const info = getStatusInfo(status) as StatusInfo;
    const guide = STATUS_GUIDE[status];
    return {
      status,
      phrase: info.phrase,
      className: info.className,
      alias: info.alias,
      code: info.code,
      message: info.message,
      when: guide.when,
      action: guide.action,
      headers: headersOf(info),
      retryable: info.retryable,
      noStore: info.noStore,
      exposesMessage: info.expose,
      example: exampleEnvelope(info, info.code, info.message),
      codes: codes.filter((entry) => entry.status === status),
    };
  });
  return { statuses, codes };
}
