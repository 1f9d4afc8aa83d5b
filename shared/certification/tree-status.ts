import type { TreeStatus } from '../projects/model';

/**
 * The in-tree / out-of-tree helper (guide: "In Tree vs Out of Tree"). Red Hat confirms the status;
 * the helper tells the partner what to expect and what follows.
 */
export type TreeAnswer = 'yes' | 'no' | 'unsure';

export interface TreeQuestion {
  id: 'upstream' | 'shipped-by-red-hat' | 'partner-builds-image';
  text: string;
  help: string;
}

export const TREE_QUESTIONS: readonly TreeQuestion[] = [
  { id: 'upstream', text: 'Is the plugin’s code merged in the OpenStack upstream code base?', help: 'In tree = included in the OpenStack upstream code base.' },
  { id: 'shipped-by-red-hat', text: 'Will Red Hat build the plugin image and distribute it with RHOSP 13?', help: 'In tree plugins are integrated and shipped by Red Hat with every RHOSP 13 release.' },
  { id: 'partner-builds-image', text: 'Do you build and ship the plugin’s container image yourself?', help: 'Out of tree plugins must be built by the partner, scanned by Red Hat and maintained.' },
];

export interface TreeVerdict {
  status: TreeStatus;
  headline: string;
  follows: string[];
}

const FUNCTIONAL =
  'Functional certification before GA: a self-hosted OpenStack environment, system logs to RHOSP engineers; then the project can move from “Tech Preview” to “Generally Available”.';

export function treeVerdict(answers: Partial<Record<TreeQuestion['id'], TreeAnswer>>): TreeVerdict {
  const { upstream, 'shipped-by-red-hat': shipped, 'partner-builds-image': builds } = answers;
  if (upstream === 'no' || builds === 'yes' || shipped === 'no') {
    return {
      status: 'out-of-tree',
      headline: 'Out of tree: container certification is required.',
      follows: [
        'Complete the container certification checklist and use the build service (or push manually) so Red Hat scans the image.',
        'You build the image and must keep maintaining it for security updates (rebuilds; the health grade must stay high).',
        'When every check passes, publish it as “Tech Preview”.',
        FUNCTIONAL,
      ],
    };
  }
  if (upstream === 'yes' && shipped === 'yes') {
    return {
      status: 'in-tree',
      headline: 'In tree: Red Hat builds and ships the plugin; no container certification.',
      follows: [
        'Follow the ABC guide (Align, Build, Certify) on the project page, check off every item and click “Request Certification” (status “Ready for certification”).',
        FUNCTIONAL,
        'Once it integrates, it is included upstream and released with the next major RHOSP release.',
      ],
    };
  }
  return {
    status: 'undecided',
    headline: 'Not clear yet: Red Hat will contact you to decide (if not, e-mail connect@redhat.com).',
    follows: ['Both paths need functional certification before GA.'],
  };
}
