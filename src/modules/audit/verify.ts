import type { Executor } from "../../db";
import { entryHash, GENESIS_HASH } from "./chain";

export interface VerifyResult {
  tenantId: string;
  ok: boolean;
  checked: number;
  /** The first entry whose stored hash, link or sequence does not hold. */
  firstBroken: { seq: number; id: string; reason: "hash_mismatch" | "link_broken" | "sequence_gap" } | null;
}

/** Walks a tenant's chain in order, in pages, recomputing every hash. */
export async function verifyAuditChain(db: Executor, tenantId: string, pageSize = 1000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const broken = (reason: "hash_mismatch" | "link_broken" | "sequence_gap") => ({
        tenantId,
        ok: false,
        checked,
        firstBroken: { seq: Number(row.seq), id: row.id, reason },
      });
      if (Number(row.seq) !== expectedSeq) return broken("sequence_gap");
      if (row.prev_hash !== prevHash) return broken("link_broken");
      const { hash, ...fields } = row;
      if (entryHash({ ...fields, seq: Number(fields.seq) }) !== hash) return broken("hash_mismatch");
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) return { tenantId, ok: true, checked, firstBroken: null };
  }
}
