// Attachment contents on the relay: content-addressed by their SHA-256, one HTTP resource each.
//
//   PUT  /api/workspaces/<ws>/blobs/<sha256>  owner, editor  body = the bytes → 201 stored, 200 already there
//   GET  /api/workspaces/<ws>/blobs/<sha256>  any role                        → 200 the bytes, 404 not there
//
// Relay and app both import these, so the limit and the path are declared once.

/** Largest attachment accepted, on the device and by the relay. */
export const MAX_BLOB_BYTES = 25 * 1024 * 1024;

/** A lower-case hex SHA-256 digest: the name of a blob. */
export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/** The API path of one blob of a workspace. */
export function blobPath(workspaceId: string, sha256: string): string {
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/blobs/${sha256}`;
}

