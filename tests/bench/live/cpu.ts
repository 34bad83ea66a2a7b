/**
 * CPU time by process, from /proc (Linux): where the work of a stream's
 * edits went on this machine, and how busy its cores were meanwhile. A
 * latency target can only be met when the CPU an edit needs, spread over
 * the cores, fits inside it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is field 3, the state. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User and system time of a process, all its threads; with `reaped`, also that of its children it waited for. */
function processCpuMs(fields: string[] | undefined, reaped = false): number {
  if (!fields) return 0;
  // Fields 14 and 15 are utime and stime; 16 and 17 the same for reaped children.
  const own = Number(fields[11]) + Number(fields[12]);
  return (own + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) * TICK_MS;
}

/**
 * Every PostgreSQL process, plus what the postmaster's backends that have
 * exited used (it reaps them), so a connection closed between two readings still counts.
 */
function postgresCpuMs(): number {
  const processes: { fields: string[]; pid: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const fields = statFields(pid);
    if (fields) processes.push({ fields, pid });
  }
  const pids = new Set(processes.map((p) => p.pid));
  // Field 4, the parent: the postmaster is the one whose parent is not PostgreSQL.
  return processes.reduce((sum, { fields }) => sum + processCpuMs(fields, !pids.has(Number(fields[1]))), 0);
}

/** Busy time of all the machine's cores together (everything but idle and I/O wait). */
function machineBusyMs(): number {
  // The first line sums every core: user nice system idle iowait irq softirq steal …
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS;
}

export interface CpuReading {
  at: number;
  machineBusyMs: number;
  byGroup: Record<string, number>;
}

/** Reads CPU time now: the machine's, and per group of processes (`bench` is this process). */
export function readCpu(groups: Record<string, readonly number[]>): CpuReading {
  const byGroup: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups))
    byGroup[name] = pids.reduce((sum, pid) => sum + processCpuMs(statFields(pid)), 0);
  byGroup.postgres = postgresCpuMs();
  const usage = process.cpuUsage();
  byGroup.bench = (usage.user + usage.system) / 1000;
  return { at: performance.now(), machineBusyMs: machineBusyMs(), byGroup };
}

/** Sums of CPU time over windows (each edit's, say): per group, the machine's, and the windows' wall time. */
export function cpuTally() {
  const byGroup: Record<string, number> = {};
  let machineBusy = 0;
  let wall = 0;
  let windows = 0;
  return {
    add(from: CpuReading, to: CpuReading) {
      for (const [name, value] of Object.entries(to.byGroup))
        byGroup[name] = (byGroup[name] ?? 0) + value - (from.byGroup[name] ?? 0);
      machineBusy += to.machineBusyMs - from.machineBusyMs;
      wall += to.at - from.at;
      windows += 1;
    },
    /** A table row: CPU per window by group, and the share of the cores busy during the windows. */
    row(label: string): string {
      const perWindow = (value: number) => `${(value / Math.max(1, windows)).toFixed(0)} ms`;
      const groups = Object.entries(byGroup)
        .map(([name, value]) => `${name} ${perWindow(value)}`)
        .join(', ');
      const cores = availableParallelism();
      const busyShare = (100 * machineBusy) / Math.max(1, wall * cores);
      return `| ${label}: CPU per edit, from the update until the queue is empty and no push came for 100 ms (all cores; by process); the cores' busy share over that time | ${perWindow(machineBusy)} (${groups}); ${busyShare.toFixed(0)} % of ${cores} cores over ${perWindow(wall)} | |`;
    },
  };
}
