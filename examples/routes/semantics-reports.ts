import { Router } from 'express';
import { accepted, negotiatedType, noContent, notImplemented, produces, requestTimeout, timeoutSignal } from '../../src/http';

/** The reporting periods of the demo account: rows, no data, or an extraction still running. */
const PERIODS: Readonly<Record<string, { readonly rows: readonly { day: string; amount: number }[] } | 'pending'>> = {
  '2024-01': {
    rows: [
      { day: '2024-01-01', amount: 120 },
      { day: '2024-01-02', amount: 80 },
    ],
  },
  '2019-12': { rows: [] },
  '2024-02': 'pending',
};

const toCsv = (rows: readonly { day: string; amount: number }[]) =>
  ['day,amount', ...rows.map((row) => `${row.day},${row.amount}`)].join('\n') + '\n';

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * `/reports`: the reporting scenarios of the status-code pages. 200 (JSON or CSV, with an ETag, so 304 on a
 * conditional GET), 300 and 302 for their redirection rows, 202 "data extraction pending" with a status monitor, 204 "no data extracted",
 * 406 for an Accept it cannot produce, 501 for the declared-but-unbuilt exports, 504 for a report
 * that takes longer than the time limit.
 */
export function reportsRouter(): Router {
  const router = Router();

  router.get('/extractions/:id', (req, res) => {
    res.json({ data: { id: req.params.id, status: 'pending', period: req.params.id.replace(/^ext_/, '') } });
  });

  // A report slower than the limit: the client gets 504 handler_timeout; the late answer is dropped.
  router.get('/slow', requestTimeout({ timeoutMs: 300 }), async (req, res) => {
    const delay = Math.min(Number(req.query.delay_ms ?? 1000) || 0, 5000);
    await wait(delay, timeoutSignal(req));
    // After a 504 nobody waits for the answer; writing it anyway would be harmlessly dropped.
    if (timeoutSignal(req)?.aborted === true) return;
    res.json({ data: { delay_ms: delay } });
  });

  // 302: the latest period moves as new data arrives, so the redirect is temporary.
  router.get('/latest', (_req, res) => {
    res.redirect(302, '/reports/2024-01');
  });

  // 300: more than one representation; the body lists them, Location names the preferred one.
  router.get('/:period/formats', (req, res) => {
    const base = `/reports/${encodeURIComponent(String(req.params.period))}`;
    res
      .status(300)
      .location(`${base}.json`)
      .json({
        data: [
          { type: 'application/json', href: `${base}.json` },
          { type: 'text/csv', href: `${base}.csv` },
        ],
      });
  });

  router.get('/:period', produces(['application/json', 'text/csv']), (req, res) => {
    // `2024-01.csv` names one representation directly (the 300 response links to both).
    const [, period = '', extension] = /^(.+?)(?:\.(json|csv))?$/.exec(String(req.params.period)) ?? [];
    const type = extension === undefined ? negotiatedType(req) : extension === 'csv' ? 'text/csv' : 'application/json';
    const report = PERIODS[period];
    if (report === 'pending') {
      accepted(res, {
        statusUrl: `/reports/extractions/ext_${encodeURIComponent(period)}`,
        retryAfter: 5,
        body: {
          data: { status: 'pending', message: 'Data extraction pending: switch to webhooks or poll the status URL.' },
          links: { status: `/reports/extractions/ext_${encodeURIComponent(period)}` },
        },
      });
      return;
    }
    if (report === undefined || report.rows.length === 0) {
      // The "No Data Extracted" scenario: no data for the period.
      noContent(res);
      return;
    }
    res.set('ETag', `"report-${period}-v1"`);
    if (type === 'text/csv') res.type('text/csv').send(toCsv(report.rows));
    else res.json({ data: report.rows });
  });

  router.post('/:period/exports', notImplemented('Report exports are not available yet.'));

  return router;
}
