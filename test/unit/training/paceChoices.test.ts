// The pace chosen per graph outlives the window: kept in the workspace state (a fake Memento here), read back by the
// next window, with anything that is not a pace ignored, `auto` not stored, and at most 200 documents remembered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_REMEMBERED_PACES, PACE_STORE_KEY, PaceChoices, type PaceStore } from '../../../src/extension/training/paceChoices';

class FakeMemento implements PaceStore {
  readonly values = new Map<string, unknown>();
  writes = 0;
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    // VS Code's Memento stores JSON: a round trip, so nothing is shared with the caller.
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

const spiral = 'file:///w/spiral.nngraph';
const moons = 'file:///w/moons.nngraph';

test('a chosen pace is kept in the workspace state and the next window starts with it', () => {
  const memento = new FakeMemento();
  const first = new PaceChoices();
  first.restore(memento);
  first.set(spiral, 'slow');
  first.set(moons, 'fastest');
  assert.deepEqual(memento.get(PACE_STORE_KEY), { [spiral]: 'slow', [moons]: 'fastest' });

  const next = new PaceChoices();
  next.restore(memento);
  assert.equal(next.choice(spiral), 'slow');
  assert.equal(next.choice(moons), 'fastest');
  assert.equal(next.choice('file:///w/other.nngraph'), 'auto');
});

test('back to auto forgets the document; the same choice again writes nothing; listeners hear every change', () => {
  const memento = new FakeMemento();
  const choices = new PaceChoices();
  choices.restore(memento);
  const heard: string[] = [];
  choices.onDidChange((uri, choice) => heard.push(`${uri} ${choice}`));
  choices.set(spiral, 'normal');
  choices.set(spiral, 'normal');
  assert.equal(memento.writes, 1);
  choices.set(spiral, 'auto');
  assert.deepEqual(memento.get(PACE_STORE_KEY), {});
  assert.deepEqual(heard, [`${spiral} normal`, `${spiral} auto`]);
});

test('a damaged or foreign store is read as far as it holds paces, never thrown on', () => {
  for (const saved of [undefined, null, 'slow', 42, ['slow']]) {
    const memento = new FakeMemento();
    memento.values.set(PACE_STORE_KEY, saved);
    const choices = new PaceChoices();
    assert.doesNotThrow(() => choices.restore(memento));
    assert.equal(choices.choice(spiral), 'auto');
  }
  const memento = new FakeMemento();
  memento.values.set(PACE_STORE_KEY, { [spiral]: 'warp', [moons]: 'fast', 'file:///w/a.nngraph': 3 });
  const choices = new PaceChoices();
  choices.restore(memento);
  assert.equal(choices.choice(spiral), 'auto');
  assert.equal(choices.choice(moons), 'fast');
});

test(`at most ${MAX_REMEMBERED_PACES} documents are remembered, the least recently chosen forgotten first`, () => {
  const memento = new FakeMemento();
  const choices = new PaceChoices();
  choices.restore(memento);
  const uri = (n: number): string => `file:///w/g${n}.nngraph`;
  for (let n = 0; n <= MAX_REMEMBERED_PACES; n++) choices.set(uri(n), n % 2 === 0 ? 'slow' : 'fast');
  // Graph 1 chosen again: it is now the newest, so graph 0 and then graph 2 are the ones forgotten.
  choices.set(uri(1), 'normal');
  const stored = memento.get(PACE_STORE_KEY) as Record<string, string>;
  assert.equal(Object.keys(stored).length, MAX_REMEMBERED_PACES);
  assert.equal(stored[uri(0)], undefined);
  assert.equal(stored[uri(1)], 'normal');
  assert.equal(stored[uri(MAX_REMEMBERED_PACES)], 'slow');
  choices.set(uri(MAX_REMEMBERED_PACES + 1), 'fast');
  assert.equal((memento.get(PACE_STORE_KEY) as Record<string, string>)[uri(2)], undefined);
});

test('a failed write keeps the choice in this window', async () => {
  const choices = new PaceChoices();
  choices.restore({ get: () => undefined, update: () => Promise.reject(new Error('disk full')) });
  choices.set(spiral, 'slow');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(choices.choice(spiral), 'slow');
});
