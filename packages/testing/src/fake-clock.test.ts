import { expect } from 'chai';
import { durationMs } from './duration';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('stands still until advanced, then fires due timers in due order, each at its own time', async () => {
    const clock = new FakeClock(1_000_000);
    const fired: [string, number][] = [];
    clock.afterFunc(20_000, () => fired.push(['b', clock.now()]));
    clock.afterFunc(10_000, () => fired.push(['a', clock.now()]));
    clock.afterFunc(90_000, () => fired.push(['late', clock.now()]));
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).to.deep.equal([]);
    await clock.advance('30s');
    expect(fired).to.deep.equal([
      ['a', 1_010_000],
      ['b', 1_020_000],
    ]);
    expect(clock.now()).to.equal(1_030_000);
    expect(clock.waiterCount).to.equal(1);
  });

  it('runs a timer set by a fired timer when it falls inside the same advance', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    const tick = () => {
      seen.push(clock.now());
      clock.afterFunc(1000, tick);
    };
    clock.afterFunc(1000, tick);
    await clock.advance('3500ms');
    expect(seen).to.deep.equal([1000, 2000, 3000]);
  });

  it('fires a zero-delay timer by itself and never fires a stopped one', async () => {
    const clock = new FakeClock(0);
    let zero = false;
    let stopped = false;
    clock.afterFunc(0, () => (zero = true));
    const t = clock.afterFunc(5, () => (stopped = true));
    expect(t.stop()).to.equal(true);
    expect(t.stop()).to.equal(false);
    await new Promise((r) => setImmediate(r));
    await clock.advance(10);
    expect([zero, stopped]).to.deep.equal([true, false]);
  });

  it('refuses to go backwards and sleeps on its own time', async () => {
    const clock = new FakeClock(5000);
    expect(() => clock.setTime(4000)).to.throw(/does not go backwards/);
    let woke = false;
    void clock.sleep(60_000).then(() => (woke = true));
    await clock.advance('59s');
    expect(woke).to.equal(false);
    await clock.advance('1s');
    expect(woke).to.equal(true);
  });
});

describe('durationMs', () => {
  it('reads Go durations and milliseconds, and names a bad one as time.ParseDuration does', () => {
    expect(durationMs('1h30m')).to.equal(5_400_000);
    expect(durationMs('250ms')).to.equal(250);
    expect(durationMs('1.5s')).to.equal(1500);
    expect(durationMs(42)).to.equal(42);
    expect(() => durationMs('30 seconds')).to.throw('time: invalid duration "30 seconds"');
    expect(() => durationMs('')).to.throw(/invalid duration/);
    expect(() => durationMs(-1)).to.throw(/invalid duration/);
  });
});
