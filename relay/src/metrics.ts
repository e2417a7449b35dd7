// Counters and gauges for GET /metrics, in the Prometheus text format. One registry per relay.

export class Metrics {
  connections = 0;
  workspaces = 0;
  docsInMemory = 0;
  updatesIn = 0;
  updatesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  errors = 0;
  refused = 0;
  private storeCount = 0;
  private storeSum = 0;
  private storeMax = 0;

  /** Time of one durable write, in milliseconds. */
  storeLatency(ms: number): void {
    this.storeCount++;
    this.storeSum += ms;
    this.storeMax = Math.max(this.storeMax, ms);
  }

  render(): string {
    const lines: string[] = [];
    const metric = (name: string, type: 'gauge' | 'counter', help: string, value: number): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
    };
    metric('counterpart_connections', 'gauge', 'Open WebSocket connections (sync and y-websocket).', this.connections);
    metric('counterpart_workspaces_in_memory', 'gauge', 'Workspaces with at least one connection.', this.workspaces);
    metric('counterpart_docs_in_memory', 'gauge', 'Docs with at least one y-websocket connection.', this.docsInMemory);
    metric('counterpart_updates_in_total', 'counter', 'CRDT updates received and stored.', this.updatesIn);
    metric('counterpart_updates_out_total', 'counter', 'CRDT updates sent to devices.', this.updatesOut);
    metric('counterpart_bytes_in_total', 'counter', 'WebSocket bytes received.', this.bytesIn);
    metric('counterpart_bytes_out_total', 'counter', 'WebSocket bytes sent.', this.bytesOut);
    metric('counterpart_errors_total', 'counter', 'Failed stores, malformed frames and other errors.', this.errors);
    metric('counterpart_refused_total', 'counter', 'Pushes refused (viewers, invalid updates).', this.refused);
    lines.push(
      '# HELP counterpart_store_latency_ms Time to store a batch durably.',
      '# TYPE counterpart_store_latency_ms summary',
      `counterpart_store_latency_ms_sum ${this.storeSum}`,
      `counterpart_store_latency_ms_count ${this.storeCount}`,
      '# HELP counterpart_store_latency_ms_max Slowest durable store so far.',
      '# TYPE counterpart_store_latency_ms_max gauge',
      `counterpart_store_latency_ms_max ${this.storeMax}`,
    );
    return `${lines.join('\n')}\n`;
  }
}
