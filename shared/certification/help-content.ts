import type { Profile, Project } from '../projects/model';
import { PORTAL } from './portal-links';

/** The guide's "Top FAQs", answer by answer, searchable offline. */
export interface FaqEntry {
  number: number;
  question: string;
  answer: string;
  keywords: string[];
}

export const FAQ: readonly FaqEntry[] = [
  {
    number: 1,
    question: 'Who can upload images through the Portal?',
    answer: 'The administrator account created for your organization may upload images. It may grant permissions to other user accounts so that those accounts may also upload images.',
    keywords: ['upload', 'org admin', 'permissions', 'users'],
  },
  {
    number: 2,
    question: 'Can I change the Product Version after I created a Project?',
    answer:
      'No. Set it up correctly before starting any project with that product version. The product version should be considered the name of the image; the version can be specified later when you tag your image.',
    keywords: ['product version', 'change', 'project', 'tag'],
  },
  {
    number: 3,
    question: 'Can a container be built on another version of Linux other than Red Hat?',
    answer: 'No. Red Hat certification validates that the container (application software plus Linux) is made of genuine Red Hat parts; it must be built on Red Hat Linux.',
    keywords: ['base image', 'ubuntu', 'centos', 'debian', 'rhel'],
  },
  {
    number: 4,
    question: 'Will the catalog support an ISO or virtual machine image as the container image?',
    answer: 'No. This certification is for containers: your image must be in Dockerfile format. See the Dockerfile examples (github.com/RHC4TP/starter).',
    keywords: ['iso', 'virtual machine', 'vm', 'dockerfile'],
  },
  {
    number: 5,
    question: 'What path should my licenses be on?',
    answer: 'On / (the root or home directory of where the application resides), in /licenses. They must be text files, not PDF.',
    keywords: ['license', 'licenses', 'pdf', 'txt', 'path'],
  },
  {
    number: 6,
    question: 'How do I change the namespace and repository name of my project?',
    answer: 'First unpublish all containers. Then change the namespace/repository in the project settings. Finally re-publish your containers.',
    keywords: ['namespace', 'repository', 'rename', 'unpublish', 'publish'],
  },
  {
    number: 7,
    question: 'How do I download my unpublished container?',
    answer:
      'Log in to scan.connect.redhat.com with the project’s registry key as the password. Build service images: docker pull scan.connect.redhat.com/[pid]/partner-build-service:[image-tag]; otherwise docker pull scan.connect.redhat.com/[pid]/[image-name]:[image-tag].',
    keywords: ['pull', 'download', 'unpublished', 'registry key', 'partner-build-service'],
  },
  {
    number: 8,
    question: 'I pushed my image using a script but I do not see my image on the project page. Why is my project missing?',
    answer: 'Make sure you pushed to the correct endpoint, scan.connect.redhat.com. Images pushed to registry.rhc4tp.openshift.com do not show up on the project page.',
    keywords: ['push', 'endpoint', 'missing', 'registry.rhc4tp.openshift.com', 'script'],
  },
];

/** Case-insensitive search over questions, answers and keywords; every word must match somewhere. */
export function searchFaq(query: string, entries: readonly FaqEntry[] = FAQ): FaqEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const haystack = `${e.question} ${e.answer} ${e.keywords.join(' ')}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The guide's "Online Resources". */
export const ONLINE_RESOURCES: readonly { title: string; url: string }[] = [
  { title: 'OpenStack Partner Integration', url: PORTAL.partnerIntegration },
  { title: 'OpenStack Documentation', url: 'https://docs.openshift.com/container-platform/' },
  { title: 'Red Hat Atomic Recommended Practices for Container Development', url: PORTAL.containerPractices },
  { title: 'Continuous integration Examples', url: 'https://rhsyseng.github.io/containerzone-pipeline-library/#_example_jenkins_pipeline_using_docker' },
  { title: 'Examples of scan ready Dockerfiles', url: 'https://github.com/RHC4TP/starter.git' },
  { title: 'Docker tagging', url: 'https://docs.docker.com/engine/reference/commandline/tag/' },
];

/** The support case fields the guide names ("Getting Help"), ready to copy into the portal form. */
export interface SupportCaseDraft {
  product: string;
  productVersion: string;
  caseType: 'Certification';
  problemStatement: string;
  description: string;
  /** A reference to the latest scan report (path or id), to attach: never its content inlined. */
  attachment?: string;
}

export function draftSupportCase(profile: Profile, project: Project | undefined, problem: string, details: string): SupportCaseDraft {
  const scans = (project?.images ?? []).flatMap((i) => i.scans.map((s) => ({ tag: i.tag, ...s })));
  const last = scans.sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  const context = project
    ? [
        `Company: ${profile.company?.name ?? '(not recorded)'}`,
        `Certification project: ${project.name}${project.portalProjectId ? ` (Project ID ${project.portalProjectId})` : ''}`,
        project.registryPid ? `Registry pid: ${project.registryPid}` : '',
        last ? `Latest scan: image tag ${last.tag}, ${last.passed ? 'passed' : 'failed'} on ${last.at.slice(0, 10)}${last.failedChecks.length ? `; failed: ${last.failedChecks.join(', ')}` : ''}` : 'No scan recorded yet.',
      ].filter(Boolean)
    : [];
  const draft: SupportCaseDraft = {
    product: 'Red Hat OpenStack Platform',
    productVersion: project?.redHatProductVersion ?? '13',
    caseType: 'Certification',
    problemStatement: problem.trim(),
    description: [details.trim(), '', ...context, '', 'Screenshots of the error are attached where available.'].join('\n').trim(),
  };
  if (last?.reportRef) draft.attachment = last.reportRef;
  return draft;
}

export const CONNECT_HELP = {
  email: 'connect@redhat.com',
  supportCaseUrl: PORTAL.supportCase,
  portalUrl: PORTAL.customerPortal,
};
