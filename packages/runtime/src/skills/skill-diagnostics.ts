import type { SkillQuarantineDiagnostic, SkillRuntimeDiagnostics, SourceHealthState } from '@rkat/contracts';
import type { SkillCatalog } from '@rkat/tools';
import { skillId } from '@rkat/tools';

const DEGRADED_RATIO = 0.05;
const UNHEALTHY_RATIO = 0.4;

/** Remembers when each quarantined skill was first seen, across scans. */
export class QuarantineLedger {
  private readonly firstSeen = new Map<string, number>();

  /** `skill_diagnostics` (01 §5) of a scan: the health of the sources and the skills held out. */
  diagnose(catalog: SkillCatalog, failedSources: number, nowSecs: number): SkillRuntimeDiagnostics {
    const quarantined: SkillQuarantineDiagnostic[] = catalog.problems.map((problem) => {
      const id = `${skillId(problem.key)}@${problem.location}`;
      const first = this.firstSeen.get(id) ?? nowSecs;
      this.firstSeen.set(id, first);
      return {
        key: problem.key,
        location: problem.location,
        error_code: problem.errorCode,
        error_class: problem.errorCode === 'load' ? 'load' : 'validation',
        message: problem.message,
        first_seen_unix_secs: first,
        last_seen_unix_secs: nowSecs,
      };
    });
    const invalid = quarantined.length;
    const total = catalog.entries.length + invalid;
    const ratio = total === 0 ? 0 : invalid / total;
    const state: SourceHealthState =
      failedSources > 0 || ratio >= UNHEALTHY_RATIO
        ? 'unhealthy'
        : ratio >= DEGRADED_RATIO
          ? 'degraded'
          : 'healthy';
    return {
      source_health: {
        state,
        invalid_ratio: ratio,
        invalid_count: invalid,
        total_count: total,
        failure_streak: failedSources,
        handshake_failed: false,
      },
      quarantined,
    };
  }
}
