// Register and stack dataflow from one entry point to a fixed point (bounded), over the CFG.
// Transfer: exact for mov/add/sub-immediate on sp-relative and entry values, stack slots through
// str/stp/ldr/ldp (pre/post-index, any base that is sp-relative), AAPCS64 at calls.
import { Cfg } from './cfg';
import { NZCV, SP } from './effects';
import { State, U, Val, entryVal } from './values';

export interface FlowEnv {
  /** CONFIG_SHADOW_CALL_STACK: x18 survives calls. */
  readonly scs: boolean;
}

export interface FlowResult {
  readonly entry: number;
  /** In-state of each reached block. */
  readonly inState: ReadonlyMap<number, State>;
  /** The iteration bound was hit: states are incomplete, no diagnostics should be drawn. */
  readonly gaveUp: boolean;
  readonly visits: number;
}

/** Whether instruction i is a call (bl, blr, or a patch site that becomes one). */
export function isCall(cfg: Cfg, i: number): boolean {
  const f = cfg.insns[i].fx.flow;
  return f === 'call' || f === 'icall' || cfg.patchCall.has(i);
}

function addTo(v: Val, k: number): Val {
  if (v.k === 'e') return entryVal(v.r, v.off + k);
  if (v.k === 'c') return { k: 'c', v: BigInt.asUintN(64, v.v + BigInt(k)) };
  return U;
}

/** Applies instruction i to s (in place). */
export function transfer(cfg: Cfg, i: number, s: State, env: FlowEnv): void {
  const fx = cfg.insns[i].fx;
  // (most instructions load nothing: the list is made when one does)
  let loaded: [number, Val][] | undefined;
  let wbBase = -1;
  let wbVal: Val = U;
  const m = fx.mem;
  if (m) {
    const baseOff = m.base !== undefined ? s.stackOffset(m.base) : undefined;
    const addr = baseOff !== undefined && m.offset !== null ? baseOff + m.offset : undefined;
    if (!m.load) {
      if (addr !== undefined) {
        if (m.regs.length === 0) s.kill(addr, Math.max(m.size, 16));
        for (let j = 0; j < m.regs.length; j++) {
          const off = addr + j * m.size;
          const r = m.regs[j];
          let v: Val = r < 0 ? { k: 'c', v: 0n } : s.vals[r];
          if (m.narrow || v.k === 'x') v = U;
          s.kill(off, m.size);
          s.setSlot(off, { val: v, size: m.size, site: i });
        }
      } else if (baseOff !== undefined) s.clearSlots(); // sp-relative with a register offset
    } else {
      if (addr !== undefined && m.regs.length === 0) s.kill(addr, Math.max(m.size, 16)); // atomics write too
      for (let j = 0; j < m.regs.length; j++) {
        const r = m.regs[j];
        if (r < 0) continue;
        let v: Val = U;
        if (addr !== undefined && !m.narrow) {
          const off = addr + j * m.size;
          const slot = s.slots.get(off);
          if (slot) v = slot.size === m.size ? slot.val : U;
          else {
            let overlap = false;
            for (const [k, t] of s.slots) if (k < off + m.size && off < k + t.size) overlap = true;
            v = overlap ? U : { k: 'l', slot: off };
          }
        }
        (loaded ??= []).push([r, v]);
      }
    }
    if (m.writeback !== undefined && m.base !== undefined) {
      wbBase = m.base;
      wbVal = m.writeback === null ? U : addTo(s.vals[m.base], m.writeback);
    }
  }
  const op = fx.op;
  let opVal: Val | undefined;
  if (op) {
    if (op.k === 'const') opVal = { k: 'c', v: op.value };
    else {
      const src = s.vals[op.src];
      if (src.k === 'x') opVal = U;
      else opVal = op.k === 'copy' ? src : addTo(src, op.imm);
    }
  }
  for (const r of fx.writes) {
    s.vals[r] = U;
    s.sites[r] = i;
  }
  if (wbBase >= 0) s.vals[wbBase] = wbVal;
  if (loaded) for (const [r, v] of loaded) s.vals[r] = v;
  if (op && opVal) s.vals[op.dst] = opVal;
  if (isCall(cfg, i)) applyCall(s, i, env);
}

/** AAPCS64: x0/x1 results; x2–x17 (IP0/IP1 = PLT veneers), x18 unless SCS, x30, flags destroyed; d8–d15 kept. */
function applyCall(s: State, i: number, env: FlowEnv): void {
  s.vals[0] = { k: 'res', call: i, r: 0 };
  s.vals[1] = { k: 'res', call: i, r: 1 };
  const x: Val = { k: 'x', call: i };
  for (let r = 2; r <= 17; r++) s.vals[r] = x;
  if (!env.scs) s.vals[18] = x;
  s.vals[30] = x;
  s.vals[NZCV] = x;
  for (let r = 0; r <= 18; r++) if (r < 18 || !env.scs) s.sites[r] = i;
  s.sites[30] = i;
  s.sites[NZCV] = i;
  // the callee's frame lives below our sp
  const sp = s.stackOffset(SP);
  if (sp !== undefined) for (const k of [...s.slots.keys()]) if (k < sp) s.deleteSlot(k);
}

/** Instruction transfers left for a whole program (shared by its entries). */
export interface Budget {
  left: number;
}

/** Runs the dataflow from instruction `entry` (the start of a block) to a fixed point. */
export function solve(cfg: Cfg, entry: number, env: FlowEnv, total: Budget = { left: Infinity }): FlowResult {
  const inState = new Map<number, State>();
  const eb = cfg.blockOf[entry];
  inState.set(eb, State.entry());
  const queue: number[] = [eb];
  let head = 0;
  const queued = new Uint8Array(cfg.blocks.length);
  queued[eb] = 1;
  let visits = 0;
  // the lattice is finite (values only go up to unknown, slots only disappear); the bound is for safety
  const budget = 64 * cfg.blocks.length + 10_000;
  while (head < queue.length) {
    if (++visits > budget) return { entry, inState, gaveUp: true, visits };
    const b = queue[head++];
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    queued[b] = 0;
    const s = inState.get(b)!.clone();
    const blk = cfg.blocks[b];
    total.left -= blk.end - blk.start;
    if (total.left < 0) return { entry, inState, gaveUp: true, visits };
    for (let i = blk.start; i < blk.end; i++) transfer(cfg, i, s, env);
    const succs = blk.succs;
    for (let k = 0; k < succs.length; k++) {
      const t = succs[k];
      const cur = inState.get(t);
      let changed: boolean;
      if (!cur) {
        // the last successor may take the state itself: nothing reads it after this loop
        inState.set(t, k === succs.length - 1 && t !== b ? s : s.clone());
        changed = true;
      } else changed = cur.joinFrom(s);
      if (changed && !queued[t]) {
        queued[t] = 1;
        queue.push(t);
      }
    }
  }
  return { entry, inState, gaveUp: false, visits };
}

/** Replays the solved flow once, calling `visit` with the state before each reached instruction. */
export function replay(cfg: Cfg, flow: FlowResult, env: FlowEnv, visit: (i: number, before: State) => void): void {
  const order = [...flow.inState.keys()].sort((a, b) => a - b);
  for (const b of order) {
    const s = flow.inState.get(b)!.clone();
    const blk = cfg.blocks[b];
    for (let i = blk.start; i < blk.end; i++) {
      visit(i, s);
      transfer(cfg, i, s, env);
    }
  }
}

/** The state before instruction i (i reached), recomputed from its block's in-state. */
export function stateBefore(cfg: Cfg, flow: FlowResult, env: FlowEnv, i: number): State | undefined {
  const b = cfg.blockOf[i];
  const st = flow.inState.get(b);
  if (!st) return undefined;
  const s = st.clone();
  for (let k = cfg.blocks[b].start; k < i; k++) transfer(cfg, k, s, env);
  return s;
}

