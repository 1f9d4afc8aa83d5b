import { checklistProgress } from '@shared/projects/checklist';
import { evaluateJourney } from '@shared/certification/wizard-steps';
import type { Profile, Project } from '@shared/projects/model';
import { CliUsageError, Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

const USAGE = [
  'certdesk project list [--format text|json]',
  'certdesk project show <project> [--format text|json]',
  'certdesk project create --name N --product P --product-version V [--pid PID] [--namespace NS] [--image NAME] [--portal-id ID] [--format text|json]',
].join('\n       ');

export const projectCommand: CliCommand = {
  name: 'project',
  summary: 'List, show or create certification projects',
  usage: USAGE,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (sub === 'list') {
      const { values } = parseCommandArgs(rest, { format: { type: 'string' } }, false);
      const profile = await ctx.call('project.profile', {});
      if (formatOption(values.format, ['text', 'json'] as const, 'text') === 'json') writeJson(ctx, profile.projects.map((p) => summary(profile, p)));
      else if (profile.projects.length === 0) ctx.io.stdout.write('No projects yet. Create one with `certdesk project create` or the app’s wizard.\n');
      else for (const p of profile.projects) ctx.io.stdout.write(line(profile, p));
      return Exit.Ok;
    }
    if (sub === 'show') {
      const { values, positionals } = parseCommandArgs(rest, { format: { type: 'string' } });
      const name = positionals[0];
      if (!name) throw new CliUsageError('Which project? `certdesk project show <id or name>`.');
      const profile = await ctx.call('project.profile', {});
      const project = profile.projects.find((p) => p.id === name || p.name === name);
      if (!project) {
        ctx.io.stderr.write(`certdesk: no project “${name}”. See \`certdesk project list\`.\n`);
        return Exit.Failed;
      }
      if (formatOption(values.format, ['text', 'json'] as const, 'text') === 'json') writeJson(ctx, project);
      else {
        const report = await ctx.call('report.render', { projectId: project.id, format: 'md' });
        ctx.io.stdout.write(report.content);
      }
      return Exit.Ok;
    }
    if (sub === 'create') {
      const { values } = parseCommandArgs(
        rest,
        {
          name: { type: 'string' },
          product: { type: 'string' },
          'product-version': { type: 'string' },
          pid: { type: 'string' },
          namespace: { type: 'string' },
          image: { type: 'string' },
          'portal-id': { type: 'string' },
          format: { type: 'string' },
        },
        false,
      );
      if (!values.name || !values.product || !values['product-version']) throw new CliUsageError('--name, --product and --product-version are required.');
      const format = formatOption(values.format, ['text', 'json'] as const, 'text');
      const profile = await ctx.call('project.profile', {});
      // The product and version are found by name, or added (the portal's "Add a Product" mirrored here).
      let product = profile.products.find((p) => p.name === values.product || p.id === values.product);
      if (!product) product = await ctx.call('project.addProduct', { name: values.product, versions: [values['product-version']] });
      let version = product.versions.find((v) => v.label === values['product-version'] || v.id === values['product-version']);
      if (!version) {
        product = await ctx.call('project.addProductVersion', { productId: product.id, label: values['product-version'] });
        version = product.versions.find((v) => v.label === values['product-version'])!;
      }
      const project = await ctx.call('project.create', {
        name: values.name,
        productId: product.id,
        productVersionId: version.id,
        ...(values.pid ? { registryPid: values.pid } : {}),
        ...(values.namespace ? { registryNamespace: values.namespace } : {}),
        ...(values.image ? { imageName: values.image } : {}),
        ...(values['portal-id'] ? { portalProjectId: values['portal-id'] } : {}),
      });
      if (format === 'json') writeJson(ctx, project);
      else ctx.io.stdout.write(`Created ${project.name} (${project.id}), Tech Preview, product version “${version.label}” (it can’t be changed later, FAQ 2).\n`);
      return Exit.Ok;
    }
    throw new CliUsageError(sub ? `unknown subcommand “${sub}”.` : 'a subcommand is required: list, show or create.');
  },
};

function summary(profile: Profile, p: Project) {
  const journey = evaluateJourney(profile, p);
  const checklist = checklistProgress(p);
  return { id: p.id, name: p.name, stepsDone: journey.done, stepsTotal: journey.total, next: journey.next?.title ?? null, checklistDone: checklist.done, checklistTotal: checklist.total };
}

function line(profile: Profile, p: Project): string {
  const s = summary(profile, p);
  return `${s.name}  (${s.id})  steps ${s.stepsDone}/${s.stepsTotal}  checklist ${s.checklistDone}/${s.checklistTotal}  next: ${s.next ?? 'nothing, all done'}\n`;
}
