import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { CauseChips } from '../kit/cause-chips';
import { Chips, SizeField } from '../kit/controls';
import { describedBy, Field, SectionHead } from '../kit/field';
import { HeadFields } from '../kit/head-fields';
import { MemberList } from '../kit/member-fieldset';
import { NeedList } from '../kit/need-fieldset';
import { MoneyFields } from '../kit/yuan-input';
import { isApiError } from '../../api/client';
import { useMe } from '../../components/session/hooks';
import {
  useCampaigns,
  useSubmitScreening,
  type SubmitResultView,
} from '../../features/assistance/core/hooks';
import {
  CAUSE_LABELS,
  METHODS,
  METHOD_LABELS,
  SITUATION_LABELS,
  labelOf,
} from '../../features/assistance/core/labels';
import { yuanTextToFen } from '../../components/money/money';
import { useHomeDivision } from '../../features/assistance/core/home-division';
import { DivisionPicker } from './division-picker';
import {
  STEPS,
  check,
  emptyForm,
  fromDraft,
  newClientRef,
  problemText,
  serverProblem,
  screenFieldOf,
  stepOf,
  toScreeningForm,
  type FormState,
  type Problem,
  type Problems,
  type Step,
} from './form-model';
import { useMLang } from '../texts';
import { useSErrorText, useST, type SKey, type STranslate } from './texts';
import { useDraftAutosave, type DraftRef, type SaveStatus } from './use-draft-autosave';
import { useFormEdits } from './use-form-edits';
import '../kit/form.css';
import { ScreeningForm, type RevisitHousehold } from '../../../contracts/assistance';
import type { ItemError } from '../kit/offline/db';
import {
  formFromPayload,
  formFromRevisit,
  type ScreeningPayload,
  type ScreeningQueue,
} from './offline/offline-screening';
import { maxOf } from '../kit/bounds';
import { ActionBar, Banner, ReviewRow, focusFirstInvalid } from '../kit/page';

const FORM = ScreeningForm.shape;

const STEP_TITLES: Record<Step, SKey> = {
  head: 'step.head',
  members: 'step.members',
  money: 'step.money',
  needs: 'step.needs',
  leads: 'step.leads',
  submit: 'step.submit',
};

const problemOf = (t: STranslate, p: Problem | undefined) => (p ? problemText(t, p) : undefined);

const timeOf = (d: Date) =>
  `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

// ---- small controls: big targets, native pickers, labels tied to inputs ----

// ---- the wizard ----

export interface ScreeningWizardProps {
  layout: 'phone' | 'desktop';
  /** A saved draft to continue; a new form otherwise. */
  draft?: { id: string; version: number; form: Record<string, unknown> };
  /** A return visit: the form starts from the household as fetched, and the screening names it. */
  revisit?: RevisitHousehold;
  /** A queued screening the server refused: its form, its id as the reference, the server's words. */
  queued?: { id: string; payload: ScreeningPayload; fields?: ItemError['fields'] };
  /** The phone's offline queue: a screening the server cannot be reached for waits there. */
  queue?: ScreeningQueue;
  /** A form kept on the phone while offline, to continue (its key is the form's reference). */
  onPhone?: { key: string; form: Record<string, unknown>; draft: DraftRef | null };
  /** The screening went to the queue: to be sent later, or to be compared (the household changed). */
  onQueued?: (state: 'waiting' | 'conflict', headName: string, itemId: string) => void;
  onDone: (result: SubmitResultView, headName: string) => void;
  /** A new form got its first draft: the page can put it in the address so a reload restores it. */
  onDraftCreated?: (id: string) => void;
}

/**
 * 摸排 in six steps (户主 → 家庭成员 → 收入支出 → 困难与需求 → 线索 → 提交), the same component on
 * the phone and in the back office. It saves a server draft as it goes, checks each step before
 * moving on, and submits once with a reference of its own so a retried submission is safe.
 */
export function ScreeningWizard({
  layout,
  draft,
  revisit,
  queued,
  queue,
  onPhone,
  onQueued,
  onDone,
  onDraftCreated,
}: ScreeningWizardProps) {
  const t = useST();
  const lang = useMLang();
  const L = labelOf(lang);
  const errorText = useSErrorText();
  const uid = useId();
  const fid = (name: string) => `${uid}-${name}`;
  const me = useMe().data;
  const mayPlan = Boolean(me?.actions.includes('alliance.plan_read'));
  const campaigns = useCampaigns(mayPlan);
  const home = useHomeDivision();
  const submit = useSubmitScreening();

  const [form, setForm] = useState<FormState>(() =>
    queued
      ? formFromPayload(queued.payload)
      : revisit
        ? formFromRevisit(revisit)
        : onPhone
          ? fromDraft(onPhone.form)
          : draft
            ? fromDraft(draft.form)
            : emptyForm(),
  );
  const started = Boolean(draft || revisit || queued || onPhone);
  const [stepIndex, setStepIndex] = useState(0);
  const [visited, setVisited] = useState(started ? STEPS.length - 1 : 0);
  const [problems, setProblems] = useState<Problems>(() => {
    const found: Problems = {};
    for (const issue of queued?.fields ?? []) {
      const path = screenFieldOf(issue.path);
      found[path] = serverProblem(issue, path, queued?.payload.form.members?.length ?? 0);
    }
    return found;
  });
  const [banner, setBanner] = useState<string | null>(() =>
    queued?.fields?.length ? t('v.fixErrors') : null,
  );
  // A queued screening keeps its reference: the server has not taken it under that key.
  const [clientRef] = useState(() => queued?.id ?? onPhone?.key ?? newClientRef());
  // Only the draft the wizard opened with: later saves track their own versions.
  const [initialDraft] = useState<DraftRef | null>(() =>
    draft ? { id: draft.id, version: draft.version } : (onPhone?.draft ?? null),
  );
  // A return visit or a queued screening lives on the phone's queue, not as a server draft (a
  // draft knows no household: continued later, it would become a new one).
  const autosave = useDraftAutosave(
    form,
    initialDraft,
    onDraftCreated,
    !revisit && !queued,
    queue
      ? { save: (f, d) => queue.saveForm(clientRef, f, d), clear: () => queue.dropForm(clientRef) }
      : undefined,
  );
  const topRef = useRef<HTMLHeadingElement>(null);
  const step = STEPS[stepIndex];

  // A street-level union screens in its own street: offer it as the address until changed.
  useEffect(() => {
    if (!started && home.street)
      setForm((f) => (f.divisionCode ? f : { ...f, divisionCode: home.street ?? '' }));
  }, [draft, home.street]);

  // The campaign running today is the likely one.
  useEffect(() => {
    if (started || !campaigns.data) return;
    const today = form.screenedOn;
    const running = campaigns.data.filter((c) => c.startsOn <= today && c.endsOn >= today);
    if (running.length === 1) setForm((f) => (f.campaignId ? f : { ...f, campaignId: running[0].id }));
    // Once, when the campaigns arrive: not again when the date changes.
  }, [campaigns.data]);

  const edits = useFormEdits(setForm, setProblems);
  const { set } = edits;
  const setDivision = useCallback((code: string) => set('divisionCode', code), [set]);

  const goTo = (index: number) => {
    setStepIndex(index);
    setVisited((v) => Math.max(v, index));
    setBanner(null);
    void autosave.saveNow();
    window.requestAnimationFrame(() => {
      const top = topRef.current;
      if (!top) return;
      if (layout === 'phone') window.scrollTo({ top: 0 });
      else if (top.getBoundingClientRect().top < 0) top.scrollIntoView();
      top.focus({ preventScroll: true });
    });
  };

  /** After a refused step: the first marked field gets the focus (and the screen scrolls to it). */
  const focusFirstProblem = () => focusFirstInvalid('.ms-wizard');

  const next = () => {
    const found = check(form, step);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setBanner(t('v.fixErrors'));
      focusFirstProblem();
      return;
    }
    goTo(stepIndex + 1);
  };

  const showProblems = (found: Problems) => {
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      const index = STEPS.indexOf(stepOf(first));
      if (index !== stepIndex) {
        setStepIndex(index);
        setVisited((v) => Math.max(v, index));
      }
    }
    setBanner(t('v.fixErrors'));
    focusFirstProblem();
  };

  const doSubmit = async () => {
    const found = check(form);
    if (Object.keys(found).length > 0) {
      showProblems(found);
      return;
    }
    setBanner(null);
    const replaced = await autosave.pause();
    const payload: ScreeningPayload = {
      form: toScreeningForm(form),
      ...(replaced ? { draftId: replaced.id } : {}),
      ...(queued?.payload.revisit
        ? { revisit: queued.payload.revisit }
        : revisit
          ? { revisit: { householdId: revisit.id, version: revisit.version } }
          : {}),
    };
    const body = { ...payload, clientRef };
    const headName = form.headName.trim();
    const keep = async (conflict?: unknown) => {
      await queue!.keep(payload, clientRef, conflict);
      await queue!.dropForm(clientRef);
      onQueued?.(conflict === undefined ? 'waiting' : 'conflict', headName, clientRef);
    };
    // No signal, or a queued screening being sent again: the queue sends it (in order, once).
    if (queue && (queued || !navigator.onLine)) {
      await keep();
      return;
    }
    try {
      let result: SubmitResultView;
      try {
        result = await submit.mutateAsync(body);
      } catch (err) {
        // A retry after a lost answer: the draft is already submitted, and the reference alone
        // finds the first result.
        if (!(isApiError(err) && err.code === 'draft.not_found' && body.draftId)) throw err;
        result = await submit.mutateAsync({ form: body.form, clientRef });
      }
      if (queue) await queue.dropForm(clientRef);
      onDone(result, headName);
    } catch (err) {
      if (queue && isApiError(err)) {
        // The line dropped or the server is away: kept on the phone, sent when it is back.
        if (err.status === 0 || err.status === 429 || err.status >= 500) {
          await keep();
          return;
        }
        // The household changed since the visit began: kept, for the screener to compare.
        if (err.code === 'screening.household_changed') {
          await keep(err.problem?.['current'] ?? null);
          return;
        }
      }
      autosave.resume();
      if (isApiError(err) && err.fieldErrors.length > 0) {
        const fromServer: Problems = {};
        for (const issue of err.fieldErrors) {
          const path = screenFieldOf(issue.field);
          fromServer[path] = serverProblem(issue, path, form.members.length);
        }
        showProblems(fromServer);
        setBanner(errorText(err));
        return;
      }
      setBanner(errorText(err));
    }
  };

  const err = (path: string) => problemOf(t, problems[path]);
  const submitting = submit.isPending;

  // ---- steps ----

  const headStep = () => (
    <>
      <HeadFields
        value={form}
        onChange={(field, v) => set(field, v)}
        errorOf={err}
        fid={fid}
        testIds={{
          name: 'm-head-name',
          idNumber: 'm-id-number',
          situation: 'm-situation',
          address: 'm-address',
        }}
        words={{
          name: t('f.headName'),
          idNumber: t('f.idNumber'),
          idNumberHint: t('f.idNumberHint'),
          situation: t('f.situation'),
          choose: t('f.choose'),
          address: t('f.address'),
          addressHint: t('f.addressHint'),
        }}
        lang={lang}
        afterIdNumber={
          <Field id={fid('phone')} label={t('f.phone')} hint={t('f.phoneHint')} error={err('phone')}>
            <input
              id={fid('phone')}
              className="ms-input ms-mono"
              data-testid="m-phone"
              type="tel"
              inputMode="tel"
              value={form.phone}
              maxLength={maxOf(FORM.phone)}
              autoComplete="off"
              aria-invalid={Boolean(err('phone')) || undefined}
              aria-describedby={describedBy(fid('phone'), err('phone'), t('f.phoneHint'))}
              onChange={(e) => set('phone', e.target.value)}
            />
          </Field>
        }
        area={
          <Field
            id={fid('division')}
            label={home.baseName ? t('f.divisionIn', { county: home.baseName }) : t('f.division')}
            error={err('divisionCode')}
            required
          >
            <DivisionPicker
              id={fid('division')}
              value={form.divisionCode}
              onChange={setDivision}
              invalid={Boolean(err('divisionCode'))}
              describedBy={describedBy(fid('division'), err('divisionCode'))}
            />
          </Field>
        }
      />
    </>
  );

  const size = Number(form.householdSize) || 0;

  const membersStep = () => (
    <>
      <SizeField
        id={fid('size')}
        label={t('f.size')}
        testId="m-size"
        value={form.householdSize}
        onChange={(v) => set('householdSize', v)}
        error={err('householdSize')}
        minusLabel={t('f.sizeMinus')}
        plusLabel={t('f.sizePlus')}
      />
      <SectionHead label={t('f.members')} hint={t('f.membersHint')} />
      <MemberList
        rows={form.members}
        title={(n) => t('f.member', { n })}
        testIdPrefix="m-member"
        fid={fid}
        errorOf={err}
        say={t}
        lang={lang}
        onChange={edits.setMember}
        onRemove={edits.removeMember}
        add={{
          label: t('f.addMember'),
          testId: 'm-add-member',
          onClick: edits.addMember,
          max: maxOf(FORM.members),
        }}
        full
      />
    </>
  );

  const income = yuanTextToFen(form.annualIncome);
  const expense = yuanTextToFen(form.rigidExpense);
  const perCapita =
    income !== undefined && expense !== undefined && size > 0
      ? (Math.floor(Math.max(income - expense, 0) / 12 / size) / 100).toFixed(2)
      : null;

  const moneyStep = () => (
    <>
      <MoneyFields
        value={form}
        onChange={set}
        errorOf={err}
        fid={fid}
        testIds={{ income: 'm-income', expense: 'm-expense' }}
        words={{
          income: t('f.income'),
          incomeHint: t('f.incomeHint'),
          expense: t('f.expense'),
          expenseHint: t('f.expenseHint'),
        }}
        asTyped
      />
      {perCapita !== null ? (
        <p className="ms-note" data-testid="m-per-capita">
          {t('f.perCapita', { amount: perCapita })}
        </p>
      ) : null}
      <CauseChips
        id={fid('causes')}
        label={t('f.causes')}
        value={form.causes}
        onChange={(causes) => set('causes', causes)}
        lang={lang}
        testIdPrefix="m-cause"
      />
      <Field
        id={fid('sudden')}
        label={t('f.suddenEvent')}
        hint={t('f.suddenEventHint')}
        error={err('suddenEvent')}
      >
        <input
          id={fid('sudden')}
          className="ms-input"
          value={form.suddenEvent}
          maxLength={maxOf(FORM.suddenEvent)}
          onChange={(e) => set('suddenEvent', e.target.value)}
        />
      </Field>
    </>
  );

  const needsStep = () => (
    <>
      <p className="ms-hint ms-lead">{t('f.needsHint')}</p>
      {form.needs.length === 0 ? <p className="ms-empty">{t('f.noNeeds')}</p> : null}
      <NeedList
        rows={form.needs}
        title={(n) => t('f.need', { n })}
        testIdPrefix="m-need"
        fid={fid}
        errorOf={err}
        say={t}
        lang={lang}
        onChange={edits.setNeed}
        onRemove={edits.removeNeed}
        add={{ label: t('f.addNeed'), testId: 'm-add-need', onClick: edits.addNeed, max: maxOf(FORM.needs) }}
      />
    </>
  );

  const leadsStep = () => (
    <>
      <Field id={fid('leads')} label={t('f.leads')} hint={t('f.leadsHint')} error={err('leads')}>
        <textarea
          id={fid('leads')}
          className="ms-textarea"
          data-testid="m-leads"
          rows={5}
          value={form.leads}
          maxLength={maxOf(FORM.leads)}
          aria-describedby={describedBy(fid('leads'), err('leads'), t('f.leadsHint'))}
          onChange={(e) => set('leads', e.target.value)}
        />
      </Field>
      <div className="ms-field">
        <span className="ms-label">{t('f.method')}</span>
        <Chips
          label={t('f.method')}
          options={METHODS}
          value={form.method}
          onChange={(method) => set('method', method)}
          labelFor={(m) => L(METHOD_LABELS, m)}
          testId="m-method"
        />
      </div>
      <Field id={fid('date')} label={t('f.screenedOn')} error={err('screenedOn')} required>
        <input
          id={fid('date')}
          className="ms-input"
          type="date"
          data-testid="m-date"
          value={form.screenedOn}
          max={new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)}
          onChange={(e) => set('screenedOn', e.target.value)}
        />
      </Field>
      {mayPlan && (campaigns.data?.length ?? 0) > 0 ? (
        <Field id={fid('campaign')} label={t('f.campaign')} error={err('campaignId')}>
          <select
            id={fid('campaign')}
            className="ms-select"
            data-testid="m-campaign"
            value={form.campaignId}
            onChange={(e) => set('campaignId', e.target.value)}
          >
            <option value="">{t('f.noCampaign')}</option>
            {(campaigns.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
    </>
  );

  const urgentCount = form.needs.filter((n) => n.urgency === 'urgent').length;
  const reviewRow = (label: string, value: ReactNode, target: Step) => (
    <ReviewRow label={label} edit={t('f.edit')} onEdit={() => goTo(STEPS.indexOf(target))}>
      {value || <span className="ms-muted">{t('f.none')}</span>}
    </ReviewRow>
  );

  const submitStep = () => (
    <>
      <p className="ms-hint ms-lead">{t('f.review')}</p>
      <dl className="ms-review" data-testid="m-review">
        {reviewRow(t('f.headName'), form.headName, 'head')}
        {reviewRow(t('f.idNumber'), form.idNumber, 'head')}
        {reviewRow(t('f.phone'), form.phone, 'head')}
        {reviewRow(t('f.situation'), L(SITUATION_LABELS, form.situation), 'head')}
        {reviewRow(t('f.address'), form.addressDetail, 'head')}
        {reviewRow(
          t('f.size'),
          `${t('f.people', { n: form.householdSize })}${form.members.length ? `：${form.members.map((m) => m.name).join('、')}` : ''}`,
          'members',
        )}
        {reviewRow(t('f.income'), form.annualIncome ? `${form.annualIncome} 元` : '', 'money')}
        {reviewRow(t('f.expense'), form.rigidExpense ? `${form.rigidExpense} 元` : '', 'money')}
        {reviewRow(t('f.causes'), form.causes.map((c) => L(CAUSE_LABELS, c)).join('、'), 'money')}
        {reviewRow(
          t('f.needs'),
          form.needs.length ? t('f.needCount', { n: form.needs.length, urgent: urgentCount }) : '',
          'needs',
        )}
        {reviewRow(t('f.method'), `${L(METHOD_LABELS, form.method)} · ${form.screenedOn}`, 'leads')}
        {reviewRow(t('f.leads'), form.leads, 'leads')}
      </dl>
    </>
  );

  // Only the step on screen is built: a keystroke does not rebuild the other five.
  const body: Record<Step, () => ReactNode> = {
    head: headStep,
    members: membersStep,
    money: moneyStep,
    needs: needsStep,
    leads: leadsStep,
    submit: submitStep,
  };

  const isLast = stepIndex === STEPS.length - 1;

  return (
    <div className={`ms-wizard ms-${layout}`} data-testid="m-form">
      <nav className="ms-steps" aria-label={t('step.of', { n: stepIndex + 1, total: STEPS.length })}>
        <ol>
          {STEPS.map((s, i) => (
            <li key={s}>
              <button
                type="button"
                className={`ms-step${i === stepIndex ? ' ms-step-on' : ''}${i < stepIndex ? ' ms-step-done' : ''}`}
                aria-current={i === stepIndex ? 'step' : undefined}
                disabled={i > visited || submitting}
                onClick={() => goTo(i)}
                data-testid={`m-step-${s}`}
              >
                <span className="ms-step-no">{i + 1}</span>
                <span className="ms-step-name">{t(STEP_TITLES[s])}</span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form
        className="ms-body"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (isLast) void doSubmit();
          else next();
        }}
      >
        <div className="ms-step-head">
          <span className="ms-step-count">{t('step.of', { n: stepIndex + 1, total: STEPS.length })}</span>
          <h2 className="ms-step-title" ref={topRef} tabIndex={-1} data-testid="m-step-title">
            {t(STEP_TITLES[step])}
          </h2>
        </div>
        {revisit && step === 'head' ? (
          <p className="ms-hint ms-lead" data-testid="m-revisit-banner">
            {t('revisit.banner', {
              name: revisit.headName,
              id: revisit.idNumberMasked ?? t('f.none'),
              phone: revisit.phoneMasked ?? t('f.none'),
            })}
          </p>
        ) : null}
        {body[step]()}
        <Banner text={banner} testId="m-error" />
        <SaveLine status={autosave.status} t={t} errorText={errorText} />
        <ActionBar
          back={{
            label: t('nav.prev'),
            onClick: () => goTo(stepIndex - 1),
            disabled: stepIndex === 0 || submitting,
            testId: 'm-prev',
          }}
          submit={
            isLast
              ? {
                  label: submitting ? t('nav.submitting') : t('nav.submit'),
                  disabled: submitting,
                  testId: 'm-submit',
                }
              : { label: t('nav.next'), testId: 'm-next' }
          }
        />
      </form>
    </div>
  );
}

function SaveLine({
  status,
  t,
  errorText,
}: {
  status: SaveStatus;
  t: STranslate;
  errorText: (err: unknown) => string;
}) {
  let text = t('save.none');
  if (status.kind === 'saving') text = t('save.saving');
  if (status.kind === 'saved')
    text = t(status.asNew ? 'save.savedAsNew' : 'save.saved', { time: timeOf(status.at) });
  if (status.kind === 'failed') text = t('save.failed', { reason: errorText(status.error) });
  if (status.kind === 'phone') text = t('save.phone', { time: timeOf(status.at) });
  return (
    <p className={`ms-save ms-save-${status.kind}`} aria-live="polite" data-testid="m-save-status">
      {text}
    </p>
  );
}
