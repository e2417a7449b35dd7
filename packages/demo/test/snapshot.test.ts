import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecord } from '@counterpart/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SNAPSHOT_MAGIC, SnapshotFormatError, demoHeader, expectedCounts, generateWorkspace, readSnapshot, readSnapshotStream,
  recordFrame, recordFrames, snapshotBytes, writeSnapshot, type Frame, type GeneratedRecord, type SnapshotHeader,
} from '../src/index.ts';
import { FrameEncoder, encodeHeader } from '../src/snapshot.ts';
import { workspaceS } from './fixtures.ts';

let dir: string;
let bytes: Uint8Array;
const header = demoHeader('s', 42, '2026-10-31');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpw-test-'));
  bytes = snapshotBytes(header, recordFrames(workspaceS()));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function drain(frames: Iterable<Frame>): number {
  let n = 0;
  for (const _ of frames) n++;
  return n;
}

function applyFrame(f: Frame): Y.Doc {
  const doc = new Y.Doc({ guid: f.docId });
  Y.applyUpdate(doc, f.update);
  return doc;
}

describe('.cpw snapshot', () => {
  it('starts with the magic line and a JSON header line with exact counts', () => {
    const text = new TextDecoder().decode(bytes.subarray(0, 2000));
    expect(text.startsWith(SNAPSHOT_MAGIC)).toBe(true);
    const json = JSON.parse(text.slice(SNAPSHOT_MAGIC.length, text.indexOf('\n', SNAPSHOT_MAGIC.length))) as SnapshotHeader;
    expect(json).toMatchObject({ workspaceId: 'demo-s-42', size: 's', seed: 42, schemaVersion: 1 });
    expect(json.counts).toEqual(expectedCounts('s'));
  });

  it('round-trips S: as many frames as records, and applied frames read back as the generated values', () => {
    const { header: h, frames } = readSnapshot(bytes);
    expect(h).toEqual(JSON.parse(JSON.stringify(header)));
    const records = workspaceS();
    let i = 0;
    const firstOfCollection = new Set<string>();
    for (const f of frames) {
      const r = records[i] as GeneratedRecord;
      expect(f.docId).toBe(r.id);
      // Every 25th frame, and the first of each collection, is opened and compared in full.
      if (i % 25 === 0 || !firstOfCollection.has(r.collection)) {
        firstOfCollection.add(r.collection);
        const state = readRecord(applyFrame(f));
        expect(state.collection).toBe(r.collection);
        expect(state.created).toBe(r.created);
        expect(state.deleted).toBe(false);
        expect(state.values, r.id).toEqual(r.values);
      }
      i++;
    }
    expect(i).toBe(records.length);
  });

  it('is byte-identical for the same seed: a fresh run encodes the same update bytes', () => {
    const fresh = generateWorkspace({ size: 's', seed: 42 });
    let k = 0;
    for (const f of readSnapshot(bytes).frames) {
      if (k >= 3000) break;
      k++;
      const next = fresh.next();
      if (next.done) break;
      const again = recordFrame(next.value);
      expect(again.docId).toBe(f.docId);
      expect(Buffer.from(again.update).equals(Buffer.from(f.update)), f.docId).toBe(true);
    }
    expect(k).toBe(3000);
  });

  it('writes through a file stream with backpressure and reads back through a stream', async () => {
    const path = join(dir, 'demo-s.cpw');
    const out = createWriteStream(path, { highWaterMark: 16 * 1024 });
    const { bytes: n } = await writeSnapshot(out, header, recordFrames(workspaceS()));
    await new Promise<void>((res) => out.end(res));
    const file = await readFile(path);
    expect(n).toBe(file.length);
    expect(Buffer.compare(file, Buffer.from(bytes))).toBe(0);
    let frames = 0;
    let h: SnapshotHeader | undefined;
    for await (const item of readSnapshotStream(createReadStream(path, { highWaterMark: 1000 }))) {
      if ('header' in item) h = item.header;
      else frames++;
    }
    expect(h?.workspaceId).toBe('demo-s-42');
    expect(frames).toBe(workspaceS().length);
  });

  it('a truncated file gives a clear error naming the cut-off frame', async () => {
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const { frames } = readSnapshot(cut);
    expect(() => drain(frames)).toThrow(SnapshotFormatError);
    expect(() => drain(frames)).toThrow(/truncated snapshot: frame \d+ at byte \d+ is cut off/);
    const path = join(dir, 'cut.cpw');
    await writeFile(path, cut);
    await expect(async () => {
      for await (const _ of readSnapshotStream(createReadStream(path))) void _;
    }).rejects.toThrow(/truncated snapshot/);
  });

  it('a file cut exactly between two frames is reported as incomplete', () => {
    // The first 100 frames, encoded on their own, give the byte length to cut at.
    const enc = new FrameEncoder();
    for (const f of recordFrames(workspaceS().slice(0, 100))) enc.add(f);
    const cut = bytes.subarray(0, encodeHeader(header).length + enc.length);
    expect(() => drain(readSnapshot(cut).frames)).toThrow(/incomplete snapshot: 100 frames read/);
  });

  it('a wrong header is refused at once with a clear error', () => {
    const enc = new TextEncoder();
    expect(() => readSnapshot(enc.encode('PK\u0003\u0004 a zip file'))).toThrow(/not a Counterpart workspace snapshot/);
    expect(() => readSnapshot(enc.encode('COUNTERPART-WORKSPACE 2\n{}\n'))).toThrow(/unsupported snapshot format "COUNTERPART-WORKSPACE 2"/);
    expect(() => readSnapshot(enc.encode(`${SNAPSHOT_MAGIC}{not json\n`))).toThrow(/header is not valid JSON/);
    expect(() => readSnapshot(enc.encode(`${SNAPSHOT_MAGIC}{"workspaceId":"x"}\n`))).toThrow(/needs a workspaceId and a name/);
    expect(() => readSnapshot(enc.encode(SNAPSHOT_MAGIC))).toThrow(/header is incomplete/);
  });

  it('the writer refuses frames that do not match the header counts', () => {
    expect(() => snapshotBytes(header, recordFrames(workspaceS().slice(0, 10)))).toThrow(/do not match the header counts/);
  });
});
