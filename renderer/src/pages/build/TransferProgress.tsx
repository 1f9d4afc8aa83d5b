import { Progress, ProgressMeasureLocation, ProgressSize } from '@patternfly/react-core';
import type { ProgressItem } from '@shared/contract/operation';
import { formatBytes, formatDuration } from '@shared/images/layer-progress';

/** The overall bar (bytes, rate, time left) and one bar per layer. */
export function TransferProgress({ label, fraction, stats, items }: { label: string; fraction?: number; stats: Record<string, number | string>; items: ProgressItem[] }) {
  const done = Number(stats.bytesDone ?? 0);
  const total = Number(stats.bytesTotal ?? 0);
  const rate = Number(stats.rate ?? 0);
  const eta = stats.etaSeconds === undefined ? undefined : Number(stats.etaSeconds);
  const text = `${formatBytes(done)} of ${formatBytes(total)}${rate > 0 ? ` · ${formatBytes(rate)}/s` : ''}${eta !== undefined ? ` · ${formatDuration(eta)} left` : ''}${stats.layersSkipped ? ` · ${stats.layersSkipped} layers already there` : ''}`;
  return (
    <div style={{ marginTop: 8 }}>
      <Progress value={Math.round((fraction ?? 0) * 100)} title={label} aria-label={label} helperText={text} measureLocation={ProgressMeasureLocation.outside} data-testid={`${label.toLowerCase().replace(/\W+/g, '-')}-overall`} />
      <div aria-label={`${label}: layers`} role="group">
        {items.map((i) => (
          <Progress
            key={i.id}
            size={ProgressSize.sm}
            value={i.total ? Math.round((i.current / i.total) * 100) : /Pushed|complete|exists|Mounted/i.test(i.status ?? '') ? 100 : 0}
            title={`${i.label}: ${i.status ?? ''}${i.total ? ` ${formatBytes(i.current)} / ${formatBytes(i.total)}` : ''}`}
            aria-label={`Layer ${i.label}`}
            measureLocation={ProgressMeasureLocation.none}
          />
        ))}
      </div>
    </div>
  );
}
