import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTestEngine } from '../../db/test-engine.ts';
import { type Product, startProduct } from '../testing/harness.ts';

let product: Product;
beforeEach(async () => {
  product = await startProduct();
});
afterEach(() => product.close());

it('says the server is alive', async () => {
  const response = await product.app.inject('/healthz');
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ status: 'ok' });
});

it('is ready when the database answers and its migrations are applied', async () => {
  expect((await product.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
});

it('is not ready when the database does not answer', async () => {
  const gone = await openTestEngine();
  await gone.close();
  const unreachable = await startProduct({ engine: gone });
  const response = await unreachable.app.inject('/readyz');
  await unreachable.close();
  expect(response.statusCode).toBe(503);
  expect(response.json()).toEqual({
    code: 'NOT_READY',
    message: 'Database unreachable or migrations not applied',
  });
});

it('answers an unknown route with the one error shape', async () => {
  const response = await product.app.inject('/nowhere');
  expect(response.statusCode).toBe(404);
  expect(response.json()).toEqual({ code: 'NOT_FOUND', message: 'No route for GET /nowhere' });
});
