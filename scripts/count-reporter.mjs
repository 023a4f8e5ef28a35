// A node:test reporter that writes one JSON line of counts, so scripts/test-all.mjs can add up
// every workspace's run into the single closing line CI reads ("N passed, N failed").
// Suites are not counted: only tests that ran (leaves), as node's own summary does.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.skip) counts.skipped++;
    else if (data.todo) counts.todo++;
    else if (event.type === 'test:pass') counts.passed++;
    else {
      counts.failed++;
      // CI shows only the tail of the log: carry the reason into the closing summary.
      const error = data.details?.error;
      const reason = String(error?.cause?.message ?? error?.message ?? '').slice(0, 600);
      counts.failures.push(`${data.file ?? ''} › ${data.name}${reason ? `\n      ${reason}` : ''}`);
    }
  }
  yield `${JSON.stringify(counts)}\n`;
}
