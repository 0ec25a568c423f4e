import { type LoadPlan, runLoad } from './load.ts';

/**
 * The load generator's own process (forked by load-client.ts), so the
 * server under test gets an event loop and a core to itself: one plan per
 * message, one result back; it exits when the parent disconnects.
 */
process.on('message', (plan: LoadPlan) => {
  runLoad(plan).then(
    (result) => process.send?.({ ok: true, result }),
    (err: unknown) => process.send?.({ ok: false, error: String(err) }),
  );
});
