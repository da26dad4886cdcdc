// The semaphore hands permits out in order, never beyond its count, and lets an aborted waiter leave the queue.
import { expect, it } from 'vitest';
import { Semaphore } from './semaphore.js';

it('grants at most the permits, first come first served', async () => {
  const semaphore = new Semaphore(2);
  const order: number[] = [];
  const first = await semaphore.acquire();
  const second = await semaphore.acquire();
  const waiting = [3, 4].map(async (id) => {
    const release = await semaphore.acquire();
    order.push(id);
    return release;
  });
  expect(order).toEqual([]);
  first();
  first(); // a second release of the same permit is ignored
  const third = await waiting[0];
  expect(order).toEqual([3]);
  second();
  (await waiting[1])?.();
  third?.();
  expect(order).toEqual([3, 4]);
});

it('removes an aborted waiter from the queue', async () => {
  const semaphore = new Semaphore(1);
  const held = await semaphore.acquire();
  const controller = new AbortController();
  const aborted = semaphore.acquire(controller.signal);
  controller.abort(new Error('stop'));
  await expect(aborted).rejects.toThrow('stop');
  held();
  const next = await semaphore.acquire();
  next();
});
