import { useCallback, useEffect, useState } from 'react';
import type { AppErrorShape, CallResult } from '@shared/contract/error-codes';
import type { Profile, Project } from '@shared/projects/model';
import { certdesk } from '../../ipc/certdesk';

/**
 * The project model as the pages see it: loaded once, replaced by every answer that carries it,
 * reloaded after calls that answer a single project. Errors are shown, never swallowed.
 */
export function useProfile() {
  const [profile, setProfile] = useState<Profile>();
  const [error, setError] = useState<AppErrorShape>();
  const reload = useCallback(async () => {
    const result = await certdesk.project.profile({});
    if (result.ok) {
      setProfile(result.data);
      setError(undefined);
    } else setError(result.error);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs a call, then refreshes the model; answers whether it worked. */
  const act = useCallback(
    async <T,>(run: () => Promise<CallResult<T>>): Promise<T | undefined> => {
      const result = await run();
      if (!result.ok) {
        setError(result.error);
        return undefined;
      }
      setError(undefined);
      await reload();
      return result.data;
    },
    [reload],
  );
  return { profile, error, reload, act };
}

/** The project the pages work on: the wizard's, else the first one. */
export function activeProject(profile: Profile | undefined): Project | undefined {
  if (!profile) return undefined;
  return profile.projects.find((p) => p.id === profile.wizard.projectId) ?? profile.projects[0];
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
