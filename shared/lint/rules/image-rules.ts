import { classifyBaseImage, estimatedBaseLayers, parseImageReference } from '../base-image-catalog';
import { lineOf, rootImage } from '../dockerfile-model';
import type { RuleContext } from '../rule-context';

/** Partner guide, Dockerfile Requirements item 1: "Base image must be Red Hat". Only the final stage ships. */
export function checkBaseImage(ctx: RuleContext): void {
  const { final } = ctx;
  if (!final || final.rawImage === '') return;
  const root = rootImage(final);
  const where = lineOf(root.from);
  if (root.image === undefined) {
    ctx.report({
      rule: 'base-image-unresolved',
      requirement: 'base_image',
      severity: 'warning',
      message: `The final base image "${root.rawImage}" uses a build argument without a default, so it can't be checked here. Give the ARG before FROM a Red Hat default, e.g. ARG BASE=registry.redhat.io/ubi9/ubi.`,
      ...where,
    });
    return;
  }
  const verdict = classifyBaseImage(root.image);
  const shown = root.image === root.rawImage ? root.image : `${root.image} (from ${root.rawImage})`;
  if (verdict.kind === 'not-red-hat') {
    ctx.report({
      rule: 'base-image-not-red-hat',
      requirement: 'base_image',
      severity: 'error',
      message: `The final image is built on ${shown}: ${verdict.reason}. Certification needs a Red Hat base: the RHOSP image of your component (e.g. registry.redhat.io/rhosp-rhel9/openstack-cinder-volume), UBI or RHEL. Build stages before the last may use anything.`,
      ...where,
    });
  } else if (verdict.kind === 'partner-certified') {
    ctx.report({
      rule: 'base-image-partner',
      requirement: 'base_image',
      severity: 'warning',
      message: `${shown} is a partner image from registry.connect.redhat.com; it passes only if it is itself built on a Red Hat image. Prefer the Red Hat image directly.`,
      ...where,
    });
  } else if (verdict.shortName) {
    ctx.report({
      rule: 'base-image-short-name',
      requirement: 'best_practice',
      severity: 'info',
      message: `${shown} is a short name: podman resolves it to Red Hat's registry, Docker looks on docker.io. Write the registry, e.g. registry.redhat.io/${parseImageReference(root.image).path}.`,
      ...where,
    });
  }
}

/** Reproducible rebuilds: the build service rebuilds on base updates, a floating tag changes under you. */
export function checkLatestTag(ctx: RuleContext): void {
  for (const stage of ctx.model.stages) {
    if (stage.parent || stage.image === undefined || stage.rawImage === '') continue;
    const ref = parseImageReference(stage.image);
    if (ref.path === 'scratch' || ref.digest) continue;
    if (ref.tag === null || ref.tag === 'latest') {
      ctx.report({
        rule: 'latest-tag',
        requirement: 'best_practice',
        severity: 'warning',
        message: `${stage.image} ${ref.tag === null ? 'has no tag, so Docker uses latest' : 'uses the latest tag'}; pin a version tag (e.g. :9.4 or :17.1) so a rebuild uses the base you tested.`,
        ...lineOf(stage.from),
      });
    }
  }
}

const LAYER_LIMIT = 40;
const LAYER_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/** REFERENCE.md LayerCountAcceptable / the portal's good_layer_count: at most 40 layers. */
export function checkLayerCount(ctx: RuleContext): void {
  const { final } = ctx;
  if (!final) return;
  const own = ctx.finalViews.filter((v) => LAYER_INSTRUCTIONS.has(v.keyword)).length;
  const base = estimatedBaseLayers(rootImage(final).image);
  const total = own + base;
  const where = lineOf(final.from);
  if (total > LAYER_LIMIT) {
    ctx.report({
      rule: 'too-many-layers',
      requirement: 'layer_count',
      severity: 'error',
      message: `About ${total} layers (${own} from RUN/COPY/ADD, ~${base} from the base image); the limit is ${LAYER_LIMIT}. Join RUN steps with && and copy directories instead of single files.`,
      ...where,
    });
  } else if (total > LAYER_LIMIT - 5) {
    ctx.report({
      rule: 'layers-near-limit',
      requirement: 'layer_count',
      severity: 'warning',
      message: `About ${total} layers (${own} from RUN/COPY/ADD, ~${base} from the base image), close to the limit of ${LAYER_LIMIT}. Join RUN steps with && before adding more.`,
      ...where,
    });
  }
}
