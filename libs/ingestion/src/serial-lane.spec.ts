import { SerialLane } from './serial-lane';

/** A promise settled from outside, so that the test decides the order of completion. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every already-queued promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SerialLane', () => {
  it('starts the next task only when the previous one has finished, even if it is slower', async () => {
    const lane = new SerialLane();
    const log: string[] = [];
    const slow = deferred<string>();
    const first = lane.run(() => {
      log.push('first started');
      return slow.promise;
    });
    const second = lane.run(() => {
      log.push('second started');
      return Promise.resolve('second');
    });
    await settle();
    expect(log).toEqual(['first started']);

    slow.resolve('first');
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
    expect(log).toEqual(['first started', 'second started']);
  });

  it('runs many tasks in the order they were given', async () => {
    const lane = new SerialLane();
    const gates = [0, 1, 2, 3, 4].map(() => deferred<void>());
    const log: number[] = [];
    const results = gates.map((gate, i) =>
      lane.run(async () => {
        log.push(i);
        await gate.promise;
        log.push(i + 100);
        return i;
      }),
    );
    // Opened in reverse order: the lane must still finish 0 before it starts 1.
    for (const gate of [...gates].reverse()) gate.resolve();
    await expect(Promise.all(results)).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(log).toEqual([0, 100, 1, 101, 2, 102, 3, 103, 4, 104]);
  });

  it('does not let a failed task block the next, and hands the failure to its caller', async () => {
    const lane = new SerialLane();
    const failing = deferred<string>();
    const first = lane.run(() => failing.promise);
    const second = lane.run(() => Promise.resolve('after'));
    const error = new Error('write failed');
    failing.reject(error);
    await expect(first).rejects.toBe(error);
    await expect(second).resolves.toBe('after');
  });

  it('does not let a task that throws synchronously block the next', async () => {
    const lane = new SerialLane();
    const first = lane.run((): Promise<string> => {
      throw new Error('thrown');
    });
    const second = lane.run(() => Promise.resolve(2));
    await expect(first).rejects.toThrow('thrown');
    await expect(second).resolves.toBe(2);
  });

  it('keeps lanes independent of each other', async () => {
    const a = new SerialLane();
    const b = new SerialLane();
    const blocked = deferred<void>();
    void a.run(() => blocked.promise);
    await expect(b.run(() => Promise.resolve('b ran'))).resolves.toBe('b ran');
    blocked.resolve();
  });
});
