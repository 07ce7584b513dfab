// Public API of this feature, listed by hand.
export { STATUS_GUIDE, type StatusGuide } from './status-guide';
export { collectCodes, isCodeRegistry, type CodeEntry, type CodeOrigin, type CodeSource, type CodeTable } from './code-table';
export {
  buildStatusReference,
  type CodeReference,
  type HeaderReference,
  type StatusReference,
  type StatusReferenceEntry,
  type StatusReferenceOptions,
} from './status-reference';
export { renderStatusReference, renderStatusTable, type RenderReferenceOptions } from './render-markdown';
export { STATUS_TABLE_MARKERS, readMarkedRegion, replaceMarkedRegion } from './marked-region';
