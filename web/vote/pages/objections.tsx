/** @jsxImportSource preact */
import { useMemo, useRef, useState } from 'preact/hooks';
import { post, VoteError } from '../api';
import { api, useGet } from '../data';
import {
  checkDraft,
  refusedFields,
  sortObjections,
  toBody,
  type FieldProblems,
  type ObjectionDraft,
  type ObjectionField,
} from '../objection-model';
import { fieldProblemText, objectionErrorText, objectionSay, type SayObjection } from '../objection-words';
import { paths } from '../router';
import type { Objection, ObjectionList, PublicCampaign, PublicResult } from '../types';
import { beijing, errorText } from '../words';
import { Failed, Loading, type PageProps } from './common';

type Props = PageProps & { campaignId: string; candidateId: string | null };

/**
 * 公示期异议: during the result notice a signed-in worker objects about a listed candidate (or the
 * result as a whole) and follows the answers to their own objections. Loaded only when opened
 * (its own chunk: the candidate list does not carry it). The server decides whether the notice
 * is open and refuses a body field by field; the page names the field in plain words.
 */
export function ObjectionsPage({ campaignId, candidateId, lang, say, me }: Props) {
  const sayObj = useMemo(() => objectionSay(lang), [lang]);
  const campaign = useGet<PublicCampaign>(api.campaign(campaignId));
  const result = useGet<PublicResult>(api.result(campaignId));
  const mine = useGet<ObjectionList>(me ? api.myObjections(campaignId) : null);
  if (campaign.state === 'loading' || result.state === 'loading' || me === undefined) {
    return <Loading say={say} />;
  }
  if (campaign.state === 'error') return <Failed error={campaign.error} lang={lang} say={say} />;
  if (result.state === 'error') return <Failed error={result.error} lang={lang} say={say} />;
  const c = campaign.data;
  const open = c.state === 'result_notice';
  const here = paths.objections(campaignId, candidateId);
  return (
    <main class="v-page" id="main">
      <p class="v-links">
        <a class="v-link" href={paths.result(campaignId)} data-testid="objection-back">
          ‹ {sayObj('obj.backResult')}
        </a>
      </p>
      <h1 class="v-title">{sayObj('obj.title')}</h1>
      <p class="v-note">{c.title}</p>
      {open ? (
        <>
          <p class="v-story">{sayObj('obj.intro')}</p>
          <p class="v-window" data-testid="objection-until">
            {sayObj('obj.until', { at: beijing(c.timeline.noticeCloses) })}
          </p>
          <p class="v-note">{sayObj('obj.private')}</p>
        </>
      ) : (
        <p class="v-msg v-msg-limit" data-testid="objection-closed">
          {sayObj('obj.closed')}
        </p>
      )}
      {!me ? (
        <>
          <p class="v-note">{sayObj('obj.signInFirst')}</p>
          <a class="v-btn v-btn-primary" href={paths.signIn(here)} data-testid="objection-sign-in">
            {sayObj('obj.signIn')}
          </a>
        </>
      ) : (
        <>
          {open && (
            <ObjectionForm
              campaignId={campaignId}
              lines={result.data.lines}
              initial={candidateId}
              lang={lang}
              sayObj={sayObj}
              onSent={() => mine.state === 'ready' && mine.reload()}
            />
          )}
          <h2 class="v-h2">{sayObj('obj.mine')}</h2>
          {mine.state === 'loading' && <p role="status">{say('app.loading')}</p>}
          {mine.state === 'error' && (
            <p class="v-msg v-msg-error" role="alert">
              {errorText(lang, mine.error)}
            </p>
          )}
          {mine.state === 'ready' && <MyObjections items={mine.data.items} sayObj={sayObj} />}
        </>
      )}
    </main>
  );
}

function ObjectionForm({
  campaignId,
  lines,
  initial,
  lang,
  sayObj,
  onSent,
}: {
  campaignId: string;
  lines: PublicResult['lines'];
  initial: string | null;
  lang: PageProps['lang'];
  sayObj: SayObjection;
  onSent: () => void;
}) {
  const listed = [...lines].sort((a, b) => a.number - b.number);
  const [draft, setDraft] = useState<ObjectionDraft>({
    candidateId: initial && listed.some((l) => l.candidateId === initial) ? initial : '',
    text: '',
  });
  const [problems, setProblems] = useState<FieldProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);

  const showProblems = (p: FieldProblems) => {
    setProblems(p);
    setError(sayObj('obj.fixFields'));
    window.setTimeout(() => (p.candidateId ? selectRef.current : textRef.current)?.focus(), 0);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setSent(false);
    const local = checkDraft(draft);
    if (Object.keys(local).length) return showProblems(local);
    setBusy(true);
    setProblems({});
    setError(null);
    try {
      await post<Objection>(api.myObjections(campaignId), toBody(draft));
      setDraft({ candidateId: draft.candidateId, text: '' });
      setSent(true);
      onSent();
    } catch (err) {
      const ve = err instanceof VoteError ? err : new VoteError(0, 'client.network', 'Network error');
      const fields = refusedFields(ve);
      if (fields) showProblems(fields);
      else setError(objectionErrorText(lang, ve.code) ?? errorText(lang, ve));
    } finally {
      setBusy(false);
    }
  };

  const problemLine = (field: ObjectionField) =>
    problems[field] ? (
      <span class="v-field-error" id={`objection-${field}-error`} data-testid={`objection-${field}-error`}>
        {fieldProblemText(sayObj, field, problems[field])}
      </span>
    ) : null;

  return (
    <form class="v-form" onSubmit={(e) => void submit(e)} noValidate data-testid="objection-form">
      <label class="v-field">
        <span>{sayObj('obj.about')}</span>
        <select
          ref={selectRef}
          value={draft.candidateId}
          aria-invalid={problems.candidateId ? true : undefined}
          aria-describedby={problems.candidateId ? 'objection-candidateId-error' : undefined}
          onChange={(e) => setDraft({ ...draft, candidateId: (e.currentTarget as HTMLSelectElement).value })}
          data-testid="objection-candidate"
        >
          <option value="">{sayObj('obj.aboutAll')}</option>
          {listed.map((l) => (
            <option key={l.candidateId} value={l.candidateId}>
              {sayObj('obj.candidate', { n: l.number, name: l.name, unit: l.unitName })}
            </option>
          ))}
        </select>
        {problemLine('candidateId')}
      </label>
      <label class="v-field">
        <span>{sayObj('obj.text')}</span>
        <span class="v-field-hint" id="objection-text-hint">
          {sayObj('obj.textHint')}
        </span>
        <textarea
          ref={textRef}
          rows={8}
          value={draft.text}
          aria-invalid={problems.text ? true : undefined}
          aria-describedby={
            problems.text ? 'objection-text-hint objection-text-error' : 'objection-text-hint'
          }
          onInput={(e) => setDraft({ ...draft, text: (e.currentTarget as HTMLTextAreaElement).value })}
          data-testid="objection-text"
        />
        {problemLine('text')}
      </label>
      <p class="v-note">{sayObj('obj.noRush')}</p>
      {error && (
        <p class="v-msg v-msg-error" role="alert" data-testid="objection-error">
          {error}
        </p>
      )}
      <p class="v-msg v-msg-ok" role="status" data-testid="objection-sent">
        {sent ? sayObj('obj.sent') : ''}
      </p>
      <button type="submit" class="v-btn v-btn-primary" disabled={busy} data-testid="objection-submit">
        {busy ? sayObj('obj.sending') : sayObj('obj.submit')}
      </button>
    </form>
  );
}

function MyObjections({ items, sayObj }: { items: Objection[]; sayObj: SayObjection }) {
  const { items: sorted, open } = sortObjections(items);
  if (sorted.length === 0) return <p class="v-note">{sayObj('obj.mineNone')}</p>;
  return (
    <>
      {open > 0 && <p class="v-note">{sayObj('obj.mineOpen', { n: open })}</p>}
      <ul class="v-cards" data-testid="my-objections">
        {sorted.map((o) => (
          <li class="v-card" key={o.id} data-testid={`my-objection-${o.id}`}>
            <p class="v-name">{o.candidateName ?? sayObj('obj.aboutAll')}</p>
            <p
              class={`v-obj-state v-obj-state-${o.state === 'open' ? 'open' : o.upheld ? 'upheld' : 'rejected'}`}
              data-testid="objection-state"
            >
              {o.state === 'open'
                ? sayObj('obj.state.open')
                : o.upheld
                  ? sayObj('obj.state.upheld')
                  : sayObj('obj.state.rejected')}
            </p>
            <p class="v-note">{sayObj('obj.sentAt', { at: beijing(o.createdAt) })}</p>
            <h3 class="v-h3">{sayObj('obj.yourText')}</h3>
            <p class="v-story">{o.text}</p>
            {o.answer !== null && (
              <div class="v-obj-answer" data-testid="objection-answer">
                <h3 class="v-h3">{sayObj('obj.answer')}</h3>
                <p class="v-story">{o.answer}</p>
                {o.answeredAt && (
                  <p class="v-note">{sayObj('obj.answeredAt', { at: beijing(o.answeredAt) })}</p>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
