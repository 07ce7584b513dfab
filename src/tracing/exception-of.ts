import { serializeError } from '../logging/serialize-error';

/** An exception as `Span.recordException` takes it: `exception.type`, `.message`, `.stacktrace`. */
export interface RecordedException {
  readonly name?: string;
  readonly message: string;
  readonly stack?: string;
}

// Causes followed (the log serializer stops deeper anyway), and the longest stacktrace written:
// one span event stays a bounded size whatever was thrown.
const MAX_CAUSES = 8;
const MAX_STACKTRACE = 32_768;
const MAX_MESSAGE = 4096;

type Serialized = ReturnType<typeof serializeError>;
type SerializedObject = { readonly [key: string]: Serialized };

const isObject = (value: Serialized): value is SerializedObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: Serialized | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function clip(value: string, limit: number): string {
  return value.length > limit ? `${value.slice(0, limit)}...[truncated]` : value;
}

// What a value that is not an error says about itself: a string as it is, anything else as the
// log line writes it (JSON, credentials redacted).
function describe(value: Serialized): string {
  return clip(typeof value === 'string' ? value : JSON.stringify(value), MAX_MESSAGE);
}

function headOf(error: SerializedObject): string {
  const type = text(error.type);
  const message = text(error.message) ?? '';
  return type === undefined ? message : `${type}: ${message}`;
}

/**
 * The stack of the error, then each cause as `Caused by: <its stack>`: the layout Java's stack
 * traces use and tracing backends show (the semantic conventions name no attribute for causes).
 */
function stacktraceOf(error: SerializedObject): string | undefined {
  const parts: string[] = [];
  let current: Serialized | undefined = error;
  for (let depth = 0; current !== undefined && current !== null && depth <= MAX_CAUSES; depth++) {
    const part: string =
      isObject(current) && text(current.type) !== undefined ? (text(current.stack) ?? headOf(current)) : describe(current);
    parts.push(depth === 0 ? part : `Caused by: ${part}`);
    current = isObject(current) ? current.cause : undefined;
  }
  // An error without a stack and without causes has nothing to add to its type and message.
  if (parts.length === 1 && !(isObject(error) && typeof error.stack === 'string')) return undefined;
  return clip(parts.join('\n'), MAX_STACKTRACE);
}

/**
 * What a span records of a thrown value: its type, message and stack with the cause chain, read
 * through the log serializer so that the same credentials and values are redacted as in log lines
 * (URL userinfo, database errors' quoted values, HTTP clients' query strings). A thrown value that
 * is not an error has a message only (a string as it is, anything else as JSON).
 */
export function exceptionOf(thrown: unknown): RecordedException {
  const serialized = serializeError(thrown);
  if (!isObject(serialized) || text(serialized.type) === undefined || !(thrown instanceof Error || isErrorLike(thrown))) {
    return { message: describe(serialized) };
  }
  const stack = stacktraceOf(serialized);
  const exception: { name: string; message: string; stack?: string } = {
    name: text(serialized.type)!,
    message: clip(text(serialized.message) ?? '', MAX_MESSAGE),
  };
  if (stack !== undefined) exception.stack = stack;
  return exception;
}

// Errors from another realm (a vm context) fail `instanceof Error`.
const isErrorLike = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Error]';
