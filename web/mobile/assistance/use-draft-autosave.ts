import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { useCreateDraft, useUpdateDraft } from '../../features/assistance/core/hooks';
import { hasContent, toDraftForm, type DraftForm, type FormState } from './form-model';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date; asNew: boolean }
  | { kind: 'failed'; error: unknown }
  /** No network: kept on the phone, saved to the server once it can be. */
  | { kind: 'phone'; at: Date };

/** Where the form is kept on the phone while the server cannot be reached (the offline store). */
export interface PhoneCopy {
  save(form: DraftForm, draft: DraftRef | null): Promise<void>;
  clear(): Promise<void>;
}

export interface DraftRef {
  id: string;
  version: number;
}

const DEBOUNCE_MS = 1500;

/**
 * Saves the form as a server draft a moment after typing stops, on every step change
 * (`saveNow`) and when the phone hides the page. Saves run one at a time; a save that finds
 * the draft changed or gone elsewhere keeps this form by saving it as a new draft, so nothing
 * typed is lost and nobody else's version is overwritten. `pause()` stops all saving for good
 * before a submission: a late save must not resurrect a submitted draft.
 */
export function useDraftAutosave(
  form: FormState,
  initial: DraftRef | null,
  onCreated?: (id: string) => void,
  /** Off for a return visit or a queued item: they are kept on the phone's queue, not as drafts. */
  enabled = true,
  /** The phone's copy of the form while offline (the phone pages). */
  phoneCopy?: PhoneCopy,
) {
  const copy = useRef(phoneCopy);
  copy.current = phoneCopy;
  const create = useCreateDraft();
  const update = useUpdateDraft();
  const draft = useRef<DraftRef | null>(initial);
  const latest = useRef(form);
  // What the form was when opened, worked out once (a useRef's argument is evaluated on every
  // render, i.e. on every keystroke).
  const [opened] = useState(() => JSON.stringify(toDraftForm(form)));
  const lastSaved = useRef<string>(opened);
  const running = useRef<Promise<void> | null>(null);
  const paused = useRef(!enabled);
  const created = useRef(onCreated);
  created.current = onCreated;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  latest.current = form;

  const saveOnce = useCallback(async (): Promise<void> => {
    if (paused.current) return;
    const current = latest.current;
    if (!draft.current && !hasContent(current)) return;
    const payload = toDraftForm(current);
    const text = JSON.stringify(payload);
    if (text === lastSaved.current && draft.current) return;
    // No network: straight to the phone (the server is tried again at the next save).
    if (copy.current && typeof navigator !== 'undefined' && !navigator.onLine) {
      try {
        await copy.current.save(payload, draft.current);
        setStatus({ kind: 'phone', at: new Date() });
      } catch (error) {
        setStatus({ kind: 'failed', error });
      }
      return;
    }
    setStatus({ kind: 'saving' });
    let asNew = false;
    try {
      if (draft.current) {
        try {
          const saved = await update.mutateAsync({
            id: draft.current.id,
            version: draft.current.version,
            form: payload,
          });
          draft.current = { id: saved.id, version: saved.version };
        } catch (err) {
          if (!isApiError(err) || (err.code !== 'draft.stale' && err.code !== 'draft.not_found')) throw err;
          if (paused.current) return;
          draft.current = null;
          asNew = true;
        }
      }
      if (!draft.current) {
        const saved = await create.mutateAsync(payload);
        draft.current = { id: saved.id, version: saved.version };
        created.current?.(saved.id);
      }
      lastSaved.current = text;
      setStatus({ kind: 'saved', at: new Date(), asNew });
      void copy.current?.clear();
    } catch (error) {
      // No network (or no server): the phone keeps it, and the next save tries the server again.
      if (copy.current && isApiError(error) && (error.status === 0 || error.status >= 500)) {
        try {
          await copy.current.save(payload, draft.current);
          setStatus({ kind: 'phone', at: new Date() });
          return;
        } catch {
          // The phone's store failed too: say the save failed.
        }
      }
      setStatus({ kind: 'failed', error });
    }
  }, [create, update]);

  /** Queues behind a running save, so two saves never race for the same version. */
  const saveNow = useCallback((): Promise<void> => {
    const next = (running.current ?? Promise.resolve()).then(saveOnce);
    running.current = next.finally(() => {
      if (running.current === next) running.current = null;
    });
    return next;
  }, [saveOnce]);

  useEffect(() => {
    if (paused.current) return;
    const timer = window.setTimeout(() => void saveNow(), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [form, saveNow]);

  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void saveNow();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => document.removeEventListener('visibilitychange', onHide);
  }, [saveNow]);

  /** Stops saving and waits for a save in flight; returns the draft the submission replaces. */
  const pause = useCallback(async (): Promise<DraftRef | null> => {
    paused.current = true;
    await (running.current ?? Promise.resolve()).catch(() => undefined);
    return draft.current;
  }, []);

  const resume = useCallback(() => {
    paused.current = !enabled;
  }, [enabled]);

  return { status, saveNow, pause, resume };
}
