// Frame-time measurement while training (a benchmark, not a test): opens the production build in
// headless Chromium, starts training on spiral with a 3 × 16 tanh network and all seven features,
// records requestAnimationFrame intervals and main-thread long tasks for a few seconds, prints them.
// Usage: node e2e/frame-time.mjs [seconds=8]
import { ensureBuild, openBrowser, requireChromium } from './harness.mjs';

const seconds = Number(process.argv[2] ?? 8);
requireChromium();
await ensureBuild();
const { url, context, close } = await openBrowser();
const page = context.pages()[0] ?? (await context.newPage());
const query = `?data=spiral&net=16:tanh,16:tanh,16:tanh&feat=x,y,x2,y2,xy,sinx,siny&opt=adam&lr=0.01&speed=${process.env.SPEED ?? 0}`; // speed 0: as fast as it goes

async function measure(training) {
  await page.goto(url + query);
  await page.getByTestId('network-diagram').waitFor();
  if (training) await page.getByTestId('play').click();
  await page.waitForTimeout(1000); // warm-up
  const result = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const frames = [];
        const long = [];
        const obs = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
        obs.observe({ type: 'longtask', buffered: false });
        const snapshots = { n: 0 };
        const epoch0 = Number(document.querySelector('[data-testid=epoch]')?.textContent);
        const mo = new MutationObserver(() => snapshots.n++);
        mo.observe(document.querySelector('[data-testid=samples-seen]'), { childList: true, characterData: true, subtree: true });
        let last = performance.now();
        const start = last;
        const tick = (t) => {
          frames.push(t - last);
          last = t;
          if (t - start < ms) requestAnimationFrame(tick);
          else {
            obs.disconnect();
            mo.disconnect();
            resolve({ frames, long, snapshots: snapshots.n, epochs: Number(document.querySelector('[data-testid=epoch]')?.textContent) - epoch0 });
          }
        };
        requestAnimationFrame(tick);
      }),
    seconds * 1000,
  );
  if (training) await page.getByTestId('play').click();
  return result;
}

function summary(label, r) {
  const f = r.frames.slice(1).sort((a, b) => a - b);
  const q = (p) => f[Math.min(f.length - 1, Math.floor(p * f.length))].toFixed(1);
  const mean = f.reduce((s, v) => s + v, 0) / f.length;
  const slow = f.filter((v) => v > 1000 / 50).length;
  console.log(
    `${label}: ${f.length} frames in ${seconds} s → ${(1000 / mean).toFixed(1)} fps; frame time mean ${mean.toFixed(1)} ms, p50 ${q(0.5)}, p95 ${q(0.95)}, p99 ${q(0.99)}, max ${f[f.length - 1].toFixed(1)} ms; ` +
      `${slow} frames > 20 ms; ${r.long.length} long tasks (max ${Math.max(0, ...r.long).toFixed(0)} ms); ${r.snapshots} snapshot renders, ${r.epochs} epochs`,
  );
}

summary('idle    ', await measure(false));
summary('training', await measure(true));
await close();
