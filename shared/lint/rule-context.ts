import type { Instruction } from 'dockerfile-ast';
import type { LintContextFacts, LintDiagnostic, LintRequirement, LintSeverity, QuickFix } from '../contract/lint';
import { finalStage, stageChain, viewOf, type DockerfileModel, type Stage } from './dockerfile-model';
import type { InstructionView } from './instruction-view';
import { linkFor } from './requirement-guide';

export interface LintOptions {
  /** Facts about license sources in the build context, gathered by the service; absent = no context. */
  context?: LintContextFacts;
}

/** What every rule gets: the model, the final image's stage chain, and a way to report. */
export interface RuleContext {
  model: DockerfileModel;
  /** The last stage, or undefined when there is no FROM. */
  final: Stage | undefined;
  /** The final stage and the stages it builds on, oldest first. */
  finalChain: Stage[];
  /** Every instruction that ends up in the final image, in order. */
  finalInstructions: Instruction[];
  /** The same, as views (keyword, lines and arguments read once). */
  finalViews: InstructionView[];
  /** Every instruction of the file as a view, in file order. */
  views: InstructionView[];
  options: LintOptions;
  report(diagnostic: DiagnosticInput): void;
  /** Computes once per lint what several rules read (final labels, shell commands). */
  memo<T>(key: string, compute: () => T): T;
}

export interface DiagnosticInput {
  rule: string;
  requirement: LintRequirement;
  severity: LintSeverity;
  message: string;
  line: number;
  endLine?: number;
  fix?: QuickFix;
}

export type Rule = (ctx: RuleContext) => void;

export function createRuleContext(model: DockerfileModel, options: LintOptions, sink: LintDiagnostic[]): RuleContext {
  const final = finalStage(model);
  const finalChain = final ? stageChain(final) : [];
  const cache = new Map<string, unknown>();
  const finalInstructions = finalChain.flatMap((s) => s.instructions);
  return {
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
    model,
    final,
    finalChain,
    finalInstructions,
    finalViews: finalInstructions.map((i) => viewOf(model, i)),
    views: model.instructions.map((i) => viewOf(model, i)),
    options,
    report(d) {
      const diagnostic: LintDiagnostic = {
        rule: d.rule,
        requirement: d.requirement,
        severity: d.severity,
        message: d.message,
        line: Math.max(1, d.line),
        endLine: Math.max(1, d.endLine ?? d.line, d.line),
        link: linkFor(d.requirement),
      };
      if (d.fix) diagnostic.fix = d.fix;
      sink.push(diagnostic);
    },
  };
}

export function isInFinalImage(ctx: RuleContext, stage: Stage): boolean {
  return ctx.finalChain.includes(stage);
}
