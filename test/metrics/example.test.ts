import request from 'supertest';
import { createApp } from '../../examples/app';

test('the example server exposes its status metrics, Prometheus and the snapshot', async () => {
  const app = createApp({ logger: false });
  await request(app).get('/users').expect(401);
  await request(app).post('/users').set('Content-Type', 'application/json').send('{"name":').expect(400);
  await request(app).get('/nowhere').expect(404);

  const prometheus = await request(app).get('/metrics').expect(200);
  expect(prometheus.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  expect(prometheus.text).toContain('http_responses_total{method="GET",route="/users",status="401",code="authentication_required"} 1');
  expect(prometheus.text).toContain('http_responses_total{method="POST",route="unmatched",status="400",code="malformed_json"} 1');
  expect(prometheus.text).toContain('http_responses_total{method="GET",route="unmatched",status="404",code="resource_not_found"} 1');

  const text = await request(app).get('/metrics/status').set('Accept', 'text/plain').expect(200);
  expect(text.text).toBe('400 Bad Request: 33.3%\n401 Unauthorized: 33.3%\n404 Not Found: 33.3%');
  const json = await request(app).get('/metrics/status').expect(200);
  expect(json.body.data).toMatchObject({ total: 3, aborted: 0 });
});
